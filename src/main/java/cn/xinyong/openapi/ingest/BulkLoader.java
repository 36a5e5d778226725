package cn.xinyong.openapi.ingest;

import cn.xinyong.openapi.platform.Dataset;
import cn.xinyong.openapi.platform.search.IndexManager;
import io.quarkus.arc.Unremovable;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Loads feed files (NDJSON, gzip when named .gz) straight into the read model. With {@code --rebuild}
 * it fills fresh indices and swaps every alias to them at the end, so readers never see a half-built
 * index; Redis writes stay version-guarded either way.
 */
@ApplicationScoped
@Unremovable
public class BulkLoader {

    private static final int PARALLELISM = 4;
    private final IngestService ingest;
    private final IndexManager indices;

    BulkLoader(IngestService ingest, IndexManager indices) {
        this.ingest = ingest;
        this.indices = indices;
    }

    public int run(String... args) {
        boolean rebuild = false;
        List<Path> files = new ArrayList<>();
        for (String arg : args) {
            if ("--rebuild".equals(arg)) {
                rebuild = true;
            } else {
                files.add(Path.of(arg));
            }
        }
        if (files.isEmpty()) {
            System.err.println("usage: load [--rebuild] FILE...");
            return 2;
        }
        indices.ensureAll().await().atMost(Duration.ofSeconds(60));
        Map<Dataset, String> targets = new EnumMap<>(Dataset.class);
        if (rebuild) {
            for (Dataset d : Dataset.searchables()) {
                targets.put(d, indices.createIndex(d, true).await().atMost(Duration.ofSeconds(30)));
            }
            Log.infof("rebuilding into %s", targets.values());
        }
        long rejected = 0;
        for (Path file : files) {
            try (InputStream raw = Files.newInputStream(file);
                    InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
                    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16)) {
                IngestReport report = ingest.ingest(reader.lines().iterator(), file.getFileName().toString(), false, targets,
                        PARALLELISM);
                rejected += report.rejected();
                report.rejections().stream().limit(20)
                        .forEach(r -> System.err.printf("%s:%d: %s%n", file, r.line(), r.reason()));
                System.out.printf("%s: %d lines, %d applied, %d stale, %d rejected in %.1f s (%.0f lines/s)%n", file,
                        report.lines(), report.applied(), report.stale(), report.rejected(), report.millis() / 1000.0,
                        report.lines() * 1000.0 / Math.max(1, report.millis()));
            } catch (IOException e) {
                System.err.println(file + ": " + e.getMessage());
                return 1;
            }
        }
        for (Map.Entry<Dataset, String> t : targets.entrySet()) {
            indices.finishBulkLoad(t.getValue()).await().atMost(Duration.ofMinutes(10));
            indices.swapAlias(t.getKey(), t.getValue()).await().atMost(Duration.ofSeconds(60));
        }
        indices.refresh().await().atMost(Duration.ofSeconds(120));
        return rejected == 0 ? 0 : 1;
    }
}
