package cn.xinyong.openapi.ingest;

import cn.xinyong.openapi.readmodel.CacheRecovery;
import cn.xinyong.openapi.readmodel.Dataset;
import cn.xinyong.openapi.readmodel.IndexManager;
import cn.xinyong.openapi.readmodel.Reindexing;
import io.quarkus.arc.Unremovable;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
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
 * Loads feed files (NDJSON, gzip when named .gz) into the read model.
 *
 * <p>Without {@code --rebuild} the lines are applied to the live model like pushed batches. With
 * {@code --rebuild} they fill fresh indices while feeds are held below the load; only when every file
 * was read to its end do records absent from the files get a withdrawal (so mirrors hear of it), the
 * aliases swap (atomically) and the Redis cache is reconciled with the new indices. A file that cannot
 * be read abandons the rebuild: the fresh indices are deleted and the live model is untouched.
 */
@ApplicationScoped
@Unremovable
public class BulkLoader {

    private static final int PARALLELISM = 4;
    private final IngestService ingest;
    private final IndexManager indices;
    private final CacheRecovery cache;
    private final Reindexing reindexing;

    BulkLoader(IngestService ingest, IndexManager indices, CacheRecovery cache, Reindexing reindexing) {
        this.ingest = ingest;
        this.indices = indices;
        this.cache = cache;
        this.reindexing = reindexing;
    }

    /** Exit codes: 0 all applied, 1 some lines rejected, 2 usage, 3 a file could not be read (or the load failed). */
    public int run(String... args) {
        return run(System.out, System.err, args);
    }

    int run(PrintStream out, PrintStream err, String... args) {
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
            err.println("usage: load [--rebuild] FILE...");
            return 2;
        }
        indices.ensureAll().await().atMost(Duration.ofSeconds(60));
        Map<Dataset, String> targets = new EnumMap<>(Dataset.class);
        Long hold = rebuild ? reindexing.hold().await().atMost(Duration.ofSeconds(30)) : null;
        try {
            if (rebuild) {
                for (Dataset d : Dataset.indexed()) {
                    targets.put(d, indices.createIndex(d, true).await().atMost(Duration.ofSeconds(30)));
                }
                Log.infof("rebuilding into %s", targets.values());
            }
            IngestService.Target target = rebuild ? new IngestService.Target(targets, false, false, PARALLELISM)
                    : IngestService.Target.live(false, PARALLELISM);
            long rejected = 0;
            for (Path file : files) {
                if (hold != null) {
                    reindexing.stillLoading(hold).await().atMost(Duration.ofSeconds(30));
                }
                Long fileRejected = load(file, target, out, err);
                if (fileRejected == null) {
                    if (rebuild) {
                        abandon(targets, err);
                    }
                    return 3;
                }
                rejected += fileRejected;
            }
            if (rebuild) {
                long withdrawn = reindexing.carryWithdrawals(targets).await().atMost(Duration.ofHours(1));
                out.printf("%d records absent from the files are withdrawn (reason corrected)%n", withdrawn);
                for (Map.Entry<Dataset, String> t : targets.entrySet()) {
                    indices.finishBulkLoad(t.getValue()).await().atMost(Duration.ofMinutes(10));
                }
                reindexing.swap(targets).await().atMost(Duration.ofSeconds(60));
                targets.clear();
                reindexing.release(hold).await().atMost(Duration.ofSeconds(30));
                CacheRecovery.RebuildReport r = cache.rebuildAndWait(Duration.ofHours(2));
                out.printf("cache reconciled with the new indices: %d entries written, %d removed%n",
                        r.entriesWritten(), r.entriesRemoved());
            }
            indices.refresh().await().atMost(Duration.ofSeconds(120));
            return rejected == 0 ? 0 : 1;
        } catch (RuntimeException e) {
            err.println("load failed: " + e.getMessage());
            if (!targets.isEmpty()) {
                abandon(targets, err);
            }
            return 3;
        } finally {
            if (hold != null) {
                reindexing.release(hold).await().atMost(Duration.ofSeconds(30));
            }
        }
    }

    /** Loads one file; the number of rejected lines, or null when the file could not be read to its end. */
    private Long load(Path file, IngestService.Target target, PrintStream out, PrintStream err) {
        try (InputStream raw = Files.newInputStream(file);
                InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16)) {
            IngestReport report = ingest.ingest(reader.lines().iterator(), file.getFileName().toString(), target);
            report.rejections().stream().limit(20).forEach(r -> err.printf("%s:%d: %s%n", file, r.line(), r.reason()));
            out.printf("%s: %d lines, %d applied, %d stale, %d rejected in %.1f s (%.0f lines/s)%n", file,
                    report.lines(), report.applied(), report.stale(), report.rejected(), report.millis() / 1000.0,
                    report.lines() * 1000.0 / Math.max(1, report.millis()));
            return report.rejected();
        } catch (IngestService.InputBroken e) {
            IngestReport p = e.partial();
            err.printf("%s: unreadable after line %d (%s); before that: %d lines, %d applied, %d stale, %d rejected%s%n",
                    file, e.lastLine(), e.getMessage(), p.lines(), p.applied(), p.stale(), p.rejected(),
                    target.writeCache() ? " (already applied; loading the file again once repaired is harmless)"
                            : " (into the fresh indices only: the rebuild is abandoned)");
            return null;
        } catch (IOException e) {
            err.printf("%s: cannot be read (%s); nothing of it was applied%n", file, e.getMessage());
            return null;
        }
    }

    private void abandon(Map<Dataset, String> targets, PrintStream err) {
        try {
            indices.deleteIndices(targets.values()).await().atMost(Duration.ofSeconds(60));
            err.println("rebuild abandoned: the fresh indices " + targets.values()
                    + " were deleted; the live read model is unchanged");
        } catch (RuntimeException e) {
            err.println("rebuild abandoned, but deleting the fresh indices " + targets.values() + " failed: "
                    + e.getMessage());
        }
    }
}
