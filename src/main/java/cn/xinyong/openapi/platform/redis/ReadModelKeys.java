package cn.xinyong.openapi.platform.redis;

import cn.xinyong.openapi.platform.Dataset;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Names of the Redis read model. Each subject has one hash holding everything the hot paths need in a
 * single round trip: field {@code entity} (the registration record) and one field per record,
 * {@code <dataset>:<id>} (licences, penalties, list entries, commitments), each value
 * {@code <version>|<json>} so a write can refuse an older version atomically.
 */
@ApplicationScoped
public class ReadModelKeys {

    @ConfigMapping(prefix = "xinyong.redis")
    public interface RedisConfig {
        /** Prefix of every key, so several deployments or test runs can share one Redis. */
        @WithDefault("xy:")
        String keyPrefix();
    }

    public static final String ENTITY_FIELD = "entity";
    private final String prefix;

    ReadModelKeys(RedisConfig config) {
        this.prefix = config.keyPrefix();
    }

    public String subject(String subjectId) {
        return prefix + "s:" + subjectId;
    }

    public static String field(Dataset dataset, String id) {
        return dataset == Dataset.ENTITY ? ENTITY_FIELD : dataset.feedName() + ":" + id;
    }

    /** Counter handing out change-feed positions. */
    public String sequence() {
        return prefix + "seq";
    }

    /** When the read model last applied a change (ISO instant). */
    public String lastChange() {
        return prefix + "meta:lastChange";
    }
}
