package cn.xinyong.openapi.platform.redis;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;

/** How the service reaches Redis: the read model's cache and, through its own pool, the shared rate-limit buckets. */
@ConfigMapping(prefix = "xinyong.redis")
public interface RedisConfig {

    /** One URL ({@code redis://[user:password@]host:port}), or in cluster mode some of the cluster's nodes. */
    List<String> url();

    /** A Redis Cluster: the service reads the slot map and sends each command to the master of its slot. */
    @WithDefault("false")
    boolean cluster();

    /** Connections per master. */
    @WithDefault("32")
    int poolSize();

    /** Requests that may wait for a connection, per master. */
    @WithDefault("1024")
    int poolWaiting();

    /** How long to wait for a connection to a node (a dead node's address may not answer at all). */
    @WithDefault("1s")
    Duration connectTimeout();

    /** How often the cluster's slot map is read again (also at once after a failed connection or a MOVED). */
    @WithDefault("5s")
    Duration topologyRefresh();

    /** Prefix of every key, so several deployments or test runs can share one Redis. */
    @WithDefault("xy:")
    String keyPrefix();

    /** The rate limiter's own pool: same servers unless set apart. */
    RateLimit ratelimit();

    interface RateLimit {
        /** Defaults to the read model's URL. */
        List<String> url();

        /** Defaults to the read model's setting. */
        boolean cluster();
    }

    default RedisNodes.Settings readModel() {
        return new RedisNodes.Settings("read-model", url(), cluster(), poolSize(), poolWaiting(), connectTimeout(),
                topologyRefresh());
    }

    default RedisNodes.Settings rateLimit() {
        return new RedisNodes.Settings("rate-limit", ratelimit().url(), ratelimit().cluster(), poolSize(), poolWaiting(),
                connectTimeout(), topologyRefresh());
    }
}
