package cn.xinyong.openapi.platform.health;

import cn.xinyong.openapi.platform.redis.RedisNodes;
import cn.xinyong.openapi.platform.search.SearchGateway;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The shared backends as this instance sees them: every Redis master, OpenSearch (the local node's view of the
 * cluster, which answers even without a cluster manager) and PostgreSQL. Each probe is bounded, and the last answer is
 * kept for a moment, so health checks never hang and a burst of probes costs one round of calls.
 */
@ApplicationScoped
public class BackendProbe {

    /** One backend: healthy or not, and what was seen. */
    public record Status(boolean healthy, String detail) {
    }

    static final Duration BOUND = Duration.ofMillis(1500);
    private static final long KEEP_MILLIS = 2000;

    private final RedisNodes redis;
    private final SearchGateway search;
    private final Pool postgres;
    private final AtomicReference<Timed> last = new AtomicReference<>();

    private record Timed(long at, Map<String, Status> statuses) {
    }

    BackendProbe(RedisNodes redis, SearchGateway search, Pool postgres) {
        this.redis = redis;
        this.search = search;
        this.postgres = postgres;
    }

    /** Redis, OpenSearch and PostgreSQL, in that order. */
    public Uni<Map<String, Status>> probe() {
        Timed kept = last.get();
        if (kept != null && System.currentTimeMillis() - kept.at() < KEEP_MILLIS) {
            return Uni.createFrom().item(kept.statuses());
        }
        Uni<Status> r = bounded(redis.ping(BOUND).map(x -> new Status(true, "up")));
        Uni<Status> os = bounded(search.send("GET", "/_cluster/health", null, Map.of("local", "true"))
                .map(h -> new Status(!"red".equals(h.path("status").asText()), h.path("status").asText("unknown"))));
        Uni<Status> pg = bounded(postgres.query("SELECT 1").execute().map(x -> new Status(true, "up")));
        return Uni.combine().all().unis(r, os, pg).asTuple().map(t -> {
            Map<String, Status> all = new LinkedHashMap<>();
            all.put("redis", t.getItem1());
            all.put("opensearch", t.getItem2());
            all.put("postgresql", t.getItem3());
            last.set(new Timed(System.currentTimeMillis(), all));
            return all;
        });
    }

    private static Uni<Status> bounded(Uni<Status> probe) {
        return probe.ifNoItem().after(BOUND).fail()
                .onFailure().recoverWithItem(e -> new Status(false, "unreachable: "
                        + (e.getMessage() == null ? "no answer within " + BOUND.toMillis() + " ms" : e.getMessage())));
    }
}
