package cn.xinyong.openapi.readmodel;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Names of the Redis cache of the read model. Each subject has one hash holding everything the hot
 * paths need in a single round trip (see {@link StoredForm} for its fields and values); one marker says
 * the cache is complete.
 */
@ApplicationScoped
public class ReadModelKeys {

    @ConfigMapping(prefix = "xinyong.redis")
    public interface RedisConfig {
        /** Prefix of every key, so several deployments or test runs can share one Redis. */
        @WithDefault("xy:")
        String keyPrefix();
    }

    private final String prefix;

    ReadModelKeys(RedisConfig config) {
        this.prefix = config.keyPrefix();
    }

    String subject(String subjectId) {
        return prefix + "s:" + subjectId;
    }

    /**
     * Present only while the cache holds everything the index holds: written at the end of a rebuild,
     * gone when Redis restarts empty. Without it, reads go to the index and the cache is rebuilt.
     */
    String completeMarker() {
        return prefix + "meta:complete";
    }

    /** Held by the one instance rebuilding the cache. */
    String rebuildLock() {
        return prefix + "meta:rebuild-lock";
    }
}
