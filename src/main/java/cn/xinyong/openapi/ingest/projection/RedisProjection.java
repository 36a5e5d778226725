package cn.xinyong.openapi.ingest.projection;

import cn.xinyong.openapi.platform.redis.LuaScript;
import cn.xinyong.openapi.platform.redis.ReadModelKeys;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes projected records into the per-subject Redis hashes, each write guarded by a script that
 * keeps the stored value when its version is the same or newer (so replays change nothing). A chunk
 * of writes goes out as one pipelined batch.
 */
@ApplicationScoped
public class RedisProjection {

    /** KEYS[1] the subject hash; ARGV field, version, json. Returns 1 when written, 0 when stale. */
    static final String VERSIONED_SET = """
            local current = redis.call('HGET', KEYS[1], ARGV[1])
            if current then
              local v = tonumber(string.match(current, '^(%d+)|'))
              if v and v >= tonumber(ARGV[2]) then return 0 end
            end
            redis.call('HSET', KEYS[1], ARGV[1], ARGV[2] .. '|' .. ARGV[3])
            return 1
            """;

    /** One field write. */
    public record Write(String key, String field, long version, String json) {
    }

    private final Redis redis;
    private final ReadModelKeys keys;
    private final LuaScript versionedSet = new LuaScript(VERSIONED_SET);

    RedisProjection(Redis redis, ReadModelKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    /** Applies the writes in order; the list says, per write, whether it was newer and so applied. */
    public Uni<List<Boolean>> apply(List<Write> writes) {
        if (writes.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<LuaScript.Invocation> calls = new ArrayList<>(writes.size());
        for (Write w : writes) {
            calls.add(new LuaScript.Invocation(w.key(), List.of(w.field(), w.version(), w.json())));
        }
        return versionedSet.callAll(redis, calls).map(responses -> {
            List<Boolean> applied = new ArrayList<>(responses.size());
            for (Response r : responses) {
                applied.add(r != null && r.toInteger() == 1);
            }
            return applied;
        });
    }

    /** Reserves {@code count} consecutive change-feed positions and returns the first. */
    public Uni<Long> reserveSequence(int count) {
        return redis.send(Request.cmd(Command.INCRBY).arg(keys.sequence()).arg(count))
                .map(r -> r.toLong() - count + 1);
    }

    public Uni<Void> markChanged(String instant) {
        return redis.send(Request.cmd(Command.SET).arg(keys.lastChange()).arg(instant)).replaceWithVoid();
    }
}
