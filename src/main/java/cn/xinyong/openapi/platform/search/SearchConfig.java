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

    /** Response timeout for queries and bulk requests. */
    @WithDefault("10s")
    Duration responseTimeout();

    /** Connection pool size per node. */
    @WithDefault("64")
    int maxConnections();
}
