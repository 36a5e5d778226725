package cn.xinyong.openapi.ingest;

import cn.xinyong.openapi.platform.db.Database;
import cn.xinyong.openapi.ingest.feed.FeedParser;
import cn.xinyong.openapi.platform.TimeSource;
import cn.xinyong.openapi.platform.problem.BackendUnavailableException;
import cn.xinyong.openapi.readmodel.Dataset;
import cn.xinyong.openapi.readmodel.FeedEvent;
import cn.xinyong.openapi.readmodel.Projector;
import cn.xinyong.openapi.readmodel.Rejection;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads feed lines and projects them chunk by chunk. Blocking by design (it runs on a worker thread
 * or in the bulk loader, never on the event loop): memory stays at one chunk whatever the input size.
 * A rejected line is reported and skipped; the rest of the batch is applied.
 */
@ApplicationScoped
public class IngestService {

    private static final Duration CHUNK_TIMEOUT = Duration.ofMinutes(2);

    /** The input could not be read to its end; {@code partial} says what was applied before. */
    public static final class InputBroken extends RuntimeException {
        private final transient IngestReport partial;
        private final long lastLine;

        InputBroken(IngestReport partial, long lastLine, Throwable cause) {
            super(cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage(), cause);
            this.partial = partial;
            this.lastLine = lastLine;
        }

        public IngestReport partial() {
            return partial;
        }

        /** The last line read whole. */
        public long lastLine() {
            return lastLine;
        }
    }

    /** Where and how a run writes; {@code refresh} makes each chunk searchable (and fed) before the next. */
    public record Target(Map<Dataset, String> indices, boolean writeCache, boolean refresh, int parallelism) {
        /** The live read model (aliases and cache). */
        public static Target live(boolean refresh, int parallelism) {
            return new Target(Map.of(), true, refresh, parallelism);
        }
    }

    private final Projector projector;
    private final IngestConfig config;
    private final FeedParser parser;
    private final TimeSource time;
    private final MeterRegistry meters;

    IngestService(Projector projector, IngestConfig config, ObjectMapper mapper, TimeSource time, MeterRegistry meters) {
        this.projector = projector;
        this.config = config;
        this.parser = new FeedParser(mapper);
        this.time = time;
        this.meters = meters;
    }

    /**
     * Projects lines with up to {@code parallelism} chunks in flight. Parallel chunks may land out of
     * order; the version guards keep the result the same as in order. A failure to read the input ends
     * the run with {@link InputBroken}, after everything read before it was applied.
     */
    public IngestReport ingest(Iterator<String> lines, String source, Target target) {
        Instant started = time.now();
        Tally tally = new Tally();
        List<FeedEvent> chunk = new ArrayList<>(config.chunkSize());
        ArrayDeque<CompletableFuture<Projector.ChunkResult>> inFlight = new ArrayDeque<>();
        int lineNumber = 0;
        RuntimeException broken = null;
        while (true) {
            boolean more;
            String line = null;
            try {
                more = lines.hasNext();
                if (more) {
                    line = lines.next();
                }
            } catch (UncheckedIOException e) {
                broken = e;
                more = false;
            }
            if (line != null) {
                lineNumber++;
                if (!line.isBlank()) {
                    tally.read++;
                    FeedParser.Result result = parser.parse(line, lineNumber);
                    if (result instanceof FeedParser.Accepted a) {
                        chunk.add(a.event());
                    } else if (result instanceof FeedParser.Rejected r) {
                        tally.reject(List.of(r.rejection()), config.maxListedRejections());
                    }
                }
            }
            if (chunk.size() >= config.chunkSize() || (!more && !chunk.isEmpty())) {
                inFlight.add(projector.apply(chunk, target.indices(), target.refresh(), target.writeCache())
                        .subscribeAsCompletionStage());
                chunk = new ArrayList<>(config.chunkSize());
            }
            while (!inFlight.isEmpty() && (inFlight.size() >= target.parallelism() || !more)) {
                Projector.ChunkResult done = await(inFlight.poll());
                tally.applied += done.applied();
                tally.stale += done.stale();
                tally.reject(done.failed(), config.maxListedRejections());
            }
            if (!more) {
                break;
            }
        }
        Instant finished = time.now();
        IngestReport report = tally.report(Duration.between(started, finished).toMillis());
        Log.infof("ingest from %s: %d lines, %d applied, %d stale, %d rejected in %d ms%s", source, report.lines(),
                report.applied(), report.stale(), report.rejected(), report.millis(),
                broken == null ? "" : "; input broken after line " + lineNumber + ": " + broken.getMessage());
        meters.counter("xinyong.ingest.events", "outcome", "applied").increment(report.applied());
        meters.counter("xinyong.ingest.events", "outcome", "stale").increment(report.stale());
        meters.counter("xinyong.ingest.events", "outcome", "rejected").increment(report.rejected());
        record(source, started, finished, report);
        if (broken != null) {
            throw new InputBroken(report, lineNumber, broken.getCause() == null ? broken : broken.getCause());
        }
        return report;
    }

    /** Counts of a run. */
    private static final class Tally {
        long read;
        long applied;
        long stale;
        long rejected;
        final List<Rejection> listed = new ArrayList<>();

        void reject(List<Rejection> rejections, int maxListed) {
            rejected += rejections.size();
            for (Rejection r : rejections) {
                if (listed.size() < maxListed) {
                    listed.add(r);
                }
            }
        }

        IngestReport report(long millis) {
            listed.sort(Comparator.comparingInt(Rejection::line));
            return new IngestReport(read, applied, stale, rejected, List.copyOf(listed), millis);
        }
    }

    private static Projector.ChunkResult await(CompletableFuture<Projector.ChunkResult> f) {
        try {
            return f.get(CHUNK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new BackendUnavailableException("projection timed out", e);
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
            VertxContextSupport.subscribeAndAwait(() -> Database.transaction(run::persist));
        } catch (Throwable e) {
            Log.warnf("could not record the ingest run in PostgreSQL: %s", e.getMessage());
        }
    }

    /** The latest ingest runs, newest first. */
    public Uni<List<IngestRun>> recentRuns(int limit) {
        return Database.session(() -> IngestRun.<IngestRun>find("order by id desc").page(0, limit).list());
    }
}
