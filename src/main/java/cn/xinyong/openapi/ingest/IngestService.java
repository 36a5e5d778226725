package cn.xinyong.openapi.ingest;

import cn.xinyong.openapi.ingest.feed.FeedEvent;
import cn.xinyong.openapi.ingest.feed.FeedParser;
import cn.xinyong.openapi.ingest.feed.Rejection;
import cn.xinyong.openapi.ingest.projection.Projector;
import cn.xinyong.openapi.platform.Dataset;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads feed lines and projects them chunk by chunk. Blocking by design (it runs on a worker thread
 * or in the bulk loader, never on the event loop): memory stays at one chunk whatever the input size.
 * A rejected line is reported and skipped; the rest of the batch is applied.
 */
@ApplicationScoped
public class IngestService {

    private static final Duration CHUNK_TIMEOUT = Duration.ofMinutes(2);
    private final Projector projector;
    private final IngestConfig config;
    private final FeedParser parser;

    private final io.micrometer.core.instrument.MeterRegistry meters;

    IngestService(Projector projector, IngestConfig config, ObjectMapper mapper,
            io.micrometer.core.instrument.MeterRegistry meters) {
        this.meters = meters;
        this.projector = projector;
        this.config = config;
        this.parser = new FeedParser(mapper);
    }

    public IngestReport ingest(InputStream in, String source, boolean refresh) {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        Iterator<String> lines = reader.lines().iterator();
        try {
            return ingest(lines, source, refresh, Map.of(), 1);
        } catch (UncheckedIOException e) {
            throw new IllegalStateException("reading the feed failed: " + e.getCause().getMessage(), e);
        }
    }

    /**
     * Projects lines into the given target indices (aliases when empty), with up to {@code parallelism}
     * chunks in flight. Parallel chunks may land out of order; the version guards keep the result the
     * same as in order.
     */
    public IngestReport ingest(Iterator<String> lines, String source, boolean refresh, Map<Dataset, String> targets,
            int parallelism) {
        Instant started = Instant.now();
        long read = 0;
        long applied = 0;
        long stale = 0;
        long rejected = 0;
        List<Rejection> listed = new ArrayList<>();
        List<FeedEvent> chunk = new ArrayList<>(config.chunkSize());
        java.util.ArrayDeque<java.util.concurrent.CompletableFuture<Projector.ChunkResult>> inFlight =
                new java.util.ArrayDeque<>();
        int lineNumber = 0;
        while (true) {
            boolean more = lines.hasNext();
            if (more) {
                String line = lines.next();
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                read++;
                FeedParser.Result result = parser.parse(line, lineNumber);
                if (result instanceof FeedParser.Accepted a) {
                    chunk.add(a.event());
                } else if (result instanceof FeedParser.Rejected r) {
                    rejected++;
                    if (listed.size() < config.maxListedRejections()) {
                        listed.add(r.rejection());
                    }
                }
            }
            if (chunk.size() >= config.chunkSize() || (!more && !chunk.isEmpty())) {
                inFlight.add(projector.apply(chunk, targets, false).subscribeAsCompletionStage());
                chunk = new ArrayList<>(config.chunkSize());
            }
            while (!inFlight.isEmpty() && (inFlight.size() >= parallelism || !more)) {
                Projector.ChunkResult done = await(inFlight.poll());
                applied += done.applied();
                stale += done.stale();
                rejected += done.failed().size();
                for (Rejection f : done.failed()) {
                    if (listed.size() < config.maxListedRejections()) {
                        listed.add(f);
                    }
                }
            }
            if (!more) {
                break;
            }
        }
        if (refresh) {
            projector.refresh(targets).await().atMost(CHUNK_TIMEOUT);
        }
        listed.sort(java.util.Comparator.comparingInt(Rejection::line));
        Instant finished = Instant.now();
        IngestReport report = new IngestReport(read, applied, stale, rejected, listed,
                Duration.between(started, finished).toMillis());
        Log.infof("ingest from %s: %d lines, %d applied, %d stale, %d rejected in %d ms", source, read, applied,
                stale, rejected, report.millis());
        meters.counter("xinyong.ingest.events", "outcome", "applied").increment(applied);
        meters.counter("xinyong.ingest.events", "outcome", "stale").increment(stale);
        meters.counter("xinyong.ingest.events", "outcome", "rejected").increment(rejected);
        record(source, started, finished, report);
        return report;
    }

    private static Projector.ChunkResult await(java.util.concurrent.CompletableFuture<Projector.ChunkResult> f) {
        try {
            return f.get(CHUNK_TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new cn.xinyong.openapi.platform.problem.BackendUnavailableException("projection timed out", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void record(String source, Instant started, Instant finished, IngestReport report) {
        IngestRun run = new IngestRun();
        run.source = source.length() > 200 ? source.substring(0, 200) : source;
        run.startedAt = started;
        run.finishedAt = finished;
        run.lines = report.lines();
        run.applied = report.applied();
        run.stale = report.stale();
        run.rejected = report.rejected();
        try {
            VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(run::persist));
        } catch (Throwable e) {
            Log.warnf("could not record the ingest run in PostgreSQL: %s", e.getMessage());
        }
    }

    /** The latest ingest runs, newest first. */
    public io.smallrye.mutiny.Uni<List<IngestRun>> recentRuns(int limit) {
        return Panache.withSession(() -> IngestRun.<IngestRun>find("order by id desc").page(0, limit).list());
    }
}
