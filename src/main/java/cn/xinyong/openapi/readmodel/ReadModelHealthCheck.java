package cn.xinyong.openapi.readmodel;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Locale;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * The read model's own state: whether the Redis cache is complete or being rebuilt from the index
 * (reads are then answered from the index, so the instance stays ready), and the last feed position. Redis
 * or PostgreSQL not answering is reported, not failed: reads then come from the index (see
 * {@code BackendsHealthCheck}).
 */
@Readiness
@ApplicationScoped
public class ReadModelHealthCheck implements AsyncHealthCheck {

    private final CacheRecovery recovery;
    private final FeedPositions positions;
    private final IndexManager indices;

    ReadModelHealthCheck(CacheRecovery recovery, FeedPositions positions, IndexManager indices) {
        this.recovery = recovery;
        this.positions = positions;
        this.indices = indices;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        if (!indices.ready()) {
            return Uni.createFrom().item(HealthCheckResponse.named("read-model").down()
                    .withData("cache", "unknown").withData("indices", "missing").build());
        }
        return recovery.check().flatMap(state -> positions.last().map(last -> {
            var builder = HealthCheckResponse.named("read-model").up()
                    .withData("cache", state.name().toLowerCase(Locale.ROOT))
                    .withData("reads", state == CacheRecovery.State.COMPLETE ? "redis" : "index")
                    .withData("lastPosition", last);
            CacheRecovery.RebuildReport r = recovery.lastRebuild();
            if (r != null) {
                builder.withData("lastRebuild", r.finishedAt().toString());
            }
            return builder.build();
        })).ifNoItem().after(Duration.ofMillis(1500)).fail()
                .onFailure().recoverWithItem(e -> HealthCheckResponse.named("read-model").up()
                        .withData("cache", "unknown").withData("reads", "index")
                        .withData("error", String.valueOf(e.getMessage())).build());
    }
}
