package cn.xinyong.openapi.feeds;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a failed dump removes from the directory it shares with other instances, in plain JUnit. */
class DumpFilesTest {

    @TempDir
    Path dir;

    @Test
    void aFailedGenerationRemovesItsOwnFilesAndLeavesAnotherHoldersUnfinishedFiles() throws IOException {
        List<String> own = List.of("entities-20250102T030405Z.ndjson.gz", "licences-20250102T030405Z.ndjson.gz.part",
                "manifest.json.20250102T030405Z.part");
        List<String> others = List.of("entities-20250101T000000Z.ndjson.gz", "manifest.json",
                "penalties-20250102T030406Z.ndjson.gz.part", "manifest.json.20250102T030406Z.part", "notes.txt.part");
        for (String name : own) {
            Files.writeString(dir.resolve(name), "x");
        }
        for (String name : others) {
            Files.writeString(dir.resolve(name), "x");
        }
        service().discard("20250102T030405Z");
        try (var left = Files.list(dir)) {
            assertEquals(others.stream().sorted().toList(), left.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    private DumpService service() {
        DumpService.DumpConfig config = new DumpService.DumpConfig() {
            public Path dir() {
                return dir;
            }

            public boolean enabled() {
                return false;
            }

            public Duration interval() {
                return Duration.ofHours(8);
            }

            public int keep() {
                return 2;
            }
        };
        return new DumpService(null, null, null, null, config, null);
    }
}
