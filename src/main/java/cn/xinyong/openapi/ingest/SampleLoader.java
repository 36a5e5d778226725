package cn.xinyong.openapi.ingest;

import cn.xinyong.openapi.ingest.generator.SyntheticFeed;
import cn.xinyong.openapi.platform.search.SearchGateway;
import cn.xinyong.openapi.readmodel.Dataset;
import cn.xinyong.openapi.readmodel.IndexManager;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;

/**
 * Loads the synthetic sample at start-up when {@code xinyong.ingest.sample.entities} is set and the
 * entity index is empty: the run command's way of giving a newcomer data to query.
 */
@ApplicationScoped
public class SampleLoader {

    private final IngestConfig config;
    private final IngestService ingest;
    private final IndexManager indices;
    private final SearchGateway search;
    private final cn.xinyong.openapi.platform.TimeSource time;

    SampleLoader(IngestConfig config, IngestService ingest, IndexManager indices, SearchGateway search,
            cn.xinyong.openapi.platform.TimeSource time) {
        this.time = time;
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
