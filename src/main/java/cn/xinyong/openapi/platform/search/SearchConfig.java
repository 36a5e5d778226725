package cn.xinyong.openapi.platform.search;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;

/** Where the OpenSearch read model lives and how the service talks to it. */
@ConfigMapping(prefix = "xinyong.opensearch")
public interface SearchConfig {

    /** Cluster endpoints, e.g. {@code http://10.0.0.5:9200}; several for a cluster. */
    List<String> hosts();

    /** Prefix of every alias and index name, so several deployments (or test runs) share a cluster. */
    @WithDefault("xy-")
    String indexPrefix();

    /** Number of replicas for new indices (0 on a single node). */
    @WithDefault("0")
    int replicas();

    /** Connect timeout. */
    @WithDefault("2s")
    Duration connectTimeout();

    /** Response timeout of the HTTP client (bulk writes, scrolls, index operations). */
    @WithDefault("10s")
    Duration responseTimeout();

    /**
     * How long a caller waits for a query (search, count, mget) before a 503 with Retry-After: a stalled node must not
     * hold callers for the client's own timeouts.
     */
    @WithDefault("2s")
    Duration queryTimeout();

    /** Connection pool size per node. */
    @WithDefault("64")
    int maxConnections();

    /**
     * Whether OpenSearch gzips its answers to the service. Off by default: beside the service (loopback, one cluster
     * network) it only spent CPU on both sides, a sixth of the service's on a feed page; worth it across a slow link.
     */
    @WithDefault("false")
    boolean compression();
}
