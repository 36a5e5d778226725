package cn.xinyong.openapi.readmodel;

import cn.xinyong.openapi.platform.redis.RedisConfig;
import cn.xinyong.openapi.platform.redis.RedisSlots;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Names of the Redis cache of the read model. Each subject has one hash holding everything the hot
 * paths need in a single round trip (see {@link StoredForm} for its fields and values). Completeness is
 * vouched for per hash slot: a marker in every slot (placed there by a hash tag), so a lookup reads its
 * subject and the marker beside it from the same node, and a cluster node that restarts empty takes its own
 * markers with it — its slots, and only those, then read from the index until the cache is rebuilt.
 */
@ApplicationScoped
public class ReadModelKeys {

    private final String prefix;

    ReadModelKeys(RedisConfig config) {
        this.prefix = config.keyPrefix();
        if (prefix.contains("{") || prefix.contains("}")) {
            throw new IllegalArgumentException("xinyong.redis.key-prefix must not contain braces (a hash tag would put "
                    + "every subject in one cluster slot): " + prefix);
        }
    }

    String subject(String subjectId) {
        return prefix + "s:" + subjectId;
    }

    /**
     * The marker of one hash slot: "complete…" while the cache holds, for that slot, everything the index holds
     * (written at the end of a rebuild, gone when the node restarts empty); "rebuilding…" or absent otherwise, and
     * reads of that slot's subjects then go to the index.
     */
    String completeMarker(int slot) {
        return prefix + "meta:complete{" + RedisSlots.tag(slot) + "}";
    }

    /** The marker in the same slot as the subject's hash. */
    String completeMarkerFor(String subjectId) {
        return completeMarker(RedisSlots.of(subject(subjectId)));
    }

    /** Held by the one instance rebuilding the cache. */
    String rebuildLock() {
        return prefix + "meta:rebuild-lock";
    }
}
