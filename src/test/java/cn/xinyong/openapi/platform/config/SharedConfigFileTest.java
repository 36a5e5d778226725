package cn.xinyong.openapi.platform.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * A shared configuration read from a watched file, over the real PostgreSQL: a file whose modification time changes
 * with its content unchanged (a Kubernetes ConfigMap update touches every file) does not put its content back over a
 * newer revision replaced through the API; a file whose content changes is published.
 */
@QuarkusTest
class SharedConfigFileTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Function<byte[], String> PARSE = bytes -> {
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (!text.startsWith("doc-")) {
            throw new IllegalArgumentException("not a document: " + text);
        }
        return text;
    };

    @Inject
    SharedConfigStore store;

    @Test
    void aFileTouchedWithItsContentUnchangedDoesNotRevertARevisionPutSince() throws Exception {
        Path file = Files.createTempFile("shared-config", ".txt");
        file.toFile().deleteOnExit();
        Files.writeString(file, "doc-from-the-file");
        String name = "test.file-config." + UUID.randomUUID();
        SharedConfig<String> config = new SharedConfig<>(name, "test configuration",
                new WatchedConfig<>("test configuration", Optional.of(file), "unused", PARSE), PARSE, store);
        config.adoptStored(WAIT);
        assertEquals("doc-from-the-file", config.current());

        long put = config.replace("doc-put-by-an-admin".getBytes(StandardCharsets.UTF_8)).await().atMost(WAIT).revision();
        touch(file, Instant.now().plusSeconds(60));
        config.checkFile(WAIT);
        assertEquals(put, config.inForce().revision(), "the revision put stays in force");
        assertEquals("doc-put-by-an-admin", config.current());
        assertEquals(put, store.head(name).await().atMost(WAIT).revision(), "nothing was published");

        Files.writeString(file, "doc-changed-in-the-file");
        touch(file, Instant.now().plusSeconds(120));
        config.checkFile(WAIT);
        assertEquals("doc-changed-in-the-file", config.current(), "a changed file is published");
        assertEquals(put + 1, store.head(name).await().atMost(WAIT).revision());
    }

    private static void touch(Path file, Instant when) throws Exception {
        Files.setLastModifiedTime(file, FileTime.from(when));
    }
}
