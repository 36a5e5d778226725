package cn.xinyong.openapi.platform.text;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** Instants read back from what the service stored, on paths that read thousands of them a second. */
public final class Instants {

    private Instants() {
    }

    /**
     * An instant as {@link Instant#toString()} writes it ({@code 2026-11-26T20:42:16.120345Z}), without the general
     * formatter (which cost more than the rest of an entry); anything else goes to {@link Instant#parse}.
     */
    public static Instant parse(String text) {
        int n = text.length();
        if (n >= 20 && n <= 30 && text.charAt(4) == '-' && text.charAt(7) == '-' && text.charAt(10) == 'T'
                && text.charAt(13) == ':' && text.charAt(16) == ':' && text.charAt(n - 1) == 'Z'
                && (n == 20 || text.charAt(19) == '.' && n > 21)) {
            int year = digits(text, 0, 4);
            int month = digits(text, 5, 7);
            int day = digits(text, 8, 10);
            int hour = digits(text, 11, 13);
            int minute = digits(text, 14, 16);
            int second = digits(text, 17, 19);
            int nanos = 0;
            if (n > 20) {
                int fraction = n - 21;
                if (fraction > 9) {
                    return Instant.parse(text);
                }
                nanos = digits(text, 20, n - 1);
                for (int i = fraction; i < 9; i++) {
                    nanos *= 10;
                }
            }
            if (year >= 0 && month >= 0 && day >= 0 && hour >= 0 && minute >= 0 && second >= 0 && nanos >= 0) {
                try {
                    return LocalDateTime.of(year, month, day, hour, minute, second, nanos).toInstant(ZoneOffset.UTC);
                } catch (DateTimeException e) {
                    return Instant.parse(text); // names what is wrong the way every other instant does
                }
            }
        }
        return Instant.parse(text);
    }

    /** The decimal number in {@code text[from, to)}, or -1 when a character is not a digit. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
