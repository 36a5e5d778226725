package cn.xinyong.openapi.ingest;

import cn.xinyong.openapi.ingest.generator.SyntheticFeed;
import cn.xinyong.openapi.platform.jobs.ExclusiveJobs;
import cn.xinyong.openapi.platform.search.SearchGateway;
import cn.xinyong.openapi.readmodel.Dataset;
import cn.xinyong.openapi.readmodel.IndexManager;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;

/**
 * Loads the synthetic sample at start-up when {@code xinyong.ingest.sample.entities} is set and the
 * entity index is empty: the run command's way of giving a newcomer data to query.
 *
 * <p>Instances starting together load it once: the load holds a lease ({@link ExclusiveJobs}, job {@value #JOB});
 * an instance that finds it held skips the load (the holder is loading the same sample), and one that takes it
 * after the load finds the index no longer empty.
 */
@ApplicationScoped
public class SampleLoader {

    /** The job's name in the lease table. */
    public static final String JOB = "sample-load";
    /** Renewed every third of it while the load runs. */
    private static final Duration LEASE = Duration.ofMinutes(2);

    private final IngestConfig config;
    private final IngestService ingest;
    private final IndexManager indices;
    private final SearchGateway search;
    private final cn.xinyong.openapi.platform.TimeSource time;
    private final ExclusiveJobs jobs;

    SampleLoader(IngestConfig config, IngestService ingest, IndexManager indices, SearchGateway search,
            cn.xinyong.openapi.platform.TimeSource time, ExclusiveJobs jobs) {
        this.time = time;
        this.jobs = jobs;
        this.config = config;
        this.ingest = ingest;
        this.indices = indices;
        this.search = search;
    }

    void onStart(@Observes @Priority(jakarta.interceptor.Interceptor.Priority.APPLICATION + 900) StartupEvent event) {
        int entities = config.sample().entities();
        if (entities <= 0) {
            return;
        }
        if (!indices.ready()) {
            Log.warn("sample not loaded: the search indices are not ready");
            return;
        }
        ExclusiveJobs.Outcome<Void> outcome;
        try {
            // The load blocks (it is a start-up step): it runs on a worker thread, never on the event loop that
            // answers the lease query.
            outcome = jobs.runExclusively(JOB, LEASE, () -> Uni.createFrom().<Void>item(() -> {
                loadIfEmpty(entities);
                return null;
            }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())).await().indefinitely();
        } catch (RuntimeException e) {
            Log.warnf("sample not loaded: %s", e.getMessage());
            return;
        }
        if (!outcome.ran()) {
            Log.infof("sample not loaded here: another instance is loading it (%s)", outcome.heldBy());
        }
    }

    private void loadIfEmpty(int entities) {
        long existing = search.send("GET", "/" + indices.alias(Dataset.ENTITY) + "/_count", null)
                .await().atMost(Duration.ofSeconds(30)).path("count").asLong();
        if (existing > 0) {
            Log.infof("sample not loaded: the read model already holds %d entities", existing);
            return;
        }
        SyntheticFeed feed = new SyntheticFeed(config.sample().seed(), time.today());
        Log.infof("loading the synthetic sample: %d entities, seed %d", entities, config.sample().seed());
        java.util.Iterator<String> lines = java.util.stream.Stream.concat(
                cn.xinyong.openapi.ingest.generator.SamplePersonas.lines(time.today()).stream(),
                java.util.stream.StreamSupport.stream(java.util.Spliterators.spliteratorUnknownSize(feed.lines(entities), 0), false))
                .iterator();
        IngestReport report = ingest.ingest(lines, "sample", IngestService.Target.live(false, 3));
        Log.infof("sample loaded: %d records in %.1f s (%.0f records/s); e.g. GET /v1/entities/%s (the personas: bin/run prints them)", report.applied(),
                report.millis() / 1000.0, report.applied() * 1000.0 / Math.max(1, report.millis()), feed.uscc(0));
    }
}
