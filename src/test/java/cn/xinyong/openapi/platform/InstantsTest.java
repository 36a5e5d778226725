package cn.xinyong.openapi.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import cn.xinyong.openapi.platform.text.Instants;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fast reading of stored instants gives exactly what {@link Instant#parse} gives, and fails where it fails. */
class InstantsTest {

    @Test
    void readsWhatInstantToStringWrites() {
        Random random = new Random(20261126);
        for (int i = 0; i < 20_000; i++) {
            Instant t = Instant.ofEpochSecond(random.nextLong(0, 253_402_300_799L), switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1000;
                default -> random.nextInt(1_000_000_000);
            });
            assertEquals(t, Instants.parse(t.toString()), t.toString());
        }
    }

    @Test
    void otherFormsAndMistakesGoToTheGeneralParser() {
        for (String text : List.of("2026-11-26T20:42:16Z", "2026-11-26T20:42:16.1Z", "2026-11-26T20:42:16.123456789Z",
                "2026-12-31T23:59:60Z", "2026-11-26T20:42:16+08:00", "2026-11-26T20:42:16.Z")) {
            assertEquals(Instant.parse(text), Instants.parse(text), text);
        }
        for (String text : List.of("2026-13-26T20:42:16Z", "2026-02-30T20:42:16Z", "2026-11-26T24:42:16Z",
                "2026-11-26T20:42:16.1234567890Z", "2026-1a-26T20:42:16Z", "2026-11-26",
                "")) {
            assertThrows(DateTimeParseException.class, () -> Instants.parse(text), text);
        }
    }
}
