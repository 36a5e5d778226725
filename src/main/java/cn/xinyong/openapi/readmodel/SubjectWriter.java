package cn.xinyong.openapi.readmodel;

import cn.xinyong.openapi.platform.redis.LuaScript;
import cn.xinyong.openapi.platform.redis.RedisNodes;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the Redis cache of the read model: per-subject hashes of {@link StoredForm} entries. Every
 * write is a script that compares in one step, so replays change nothing and an older version never
 * overwrites a newer one; a chunk goes out as one pipelined batch.
 */
@ApplicationScoped
class SubjectWriter {

    /** KEYS[1] the subject hash; ARGV field, version, position, json. 1 when written, 0 when stale. */
    static final String VERSIONED_SET = """
            local current = redis.call('HGET', KEYS[1], ARGV[1])
            if current then
              local v = tonumber(string.match(current, '^(%d+)|'))
              if v and v >= tonumber(ARGV[2]) then return 0 end
            end
            redis.call('HSET', KEYS[1], ARGV[1], ARGV[2] .. '|' .. ARGV[3] .. '|' .. ARGV[4])
            return 1
            """;

    /**
     * Annotation of the stored version (a dispute marked by this service): written only over the same version
     * at an older position, so a newer version from the platform is never overwritten and a replay changes
     * nothing. KEYS[1]; ARGV field, version, position, json. 1 when written, 0 otherwise.
     */
    static final String ANNOTATE_SET = """
            local current = redis.call('HGET', KEYS[1], ARGV[1])
            if current then
              local v, p = string.match(current, '^(%d+)|(%d+)|')
              if tonumber(v) ~= tonumber(ARGV[2]) or tonumber(p) >= tonumber(ARGV[3]) then return 0 end
            end
            redis.call('HSET', KEYS[1], ARGV[1], ARGV[2] .. '|' .. ARGV[3] .. '|' .. ARGV[4])
            return 1
            """;

    /**
     * Rebuild: the index's entry wins unless the cached one was written after the rebuild began (its
     * position is above ARGV[5]). KEYS[1]; ARGV field, version, position, json, floor position.
     */
    static final String REBUILD_SET = """
            local value = ARGV[2] .. '|' .. ARGV[3] .. '|' .. ARGV[4]
            local current = redis.call('HGET', KEYS[1], ARGV[1])
            if current then
              if current == value then return 0 end
              local p = tonumber(string.match(current, '^%d+|(%d+)|'))
              if p and p > tonumber(ARGV[5]) then return 0 end
            end
            redis.call('HSET', KEYS[1], ARGV[1], value)
            return 1
            """;

    /**
     * Reconcile: removes the fields the index no longer has, except those written after the rebuild
     * began, and those stored before positions were (kept rather than guessed about). KEYS[1]; ARGV[1]
     * floor position, ARGV[2..] the fields the index holds. Returns how many.
     */
    static final String REMOVE_ABSENT = """
            local keep = {}
            for i = 2, #ARGV do keep[ARGV[i]] = true end
            local all = redis.call('HGETALL', KEYS[1])
            local removed = 0
            for i = 1, #all, 2 do
              if not keep[all[i]] then
                local p = tonumber(string.match(all[i + 1], '^%d+|(%d+)|'))
                if p and p <= tonumber(ARGV[1]) then
                  redis.call('HDEL', KEYS[1], all[i])
                  removed = removed + 1
                end
              end
            end
            return removed
            """;

    private final RedisNodes redis;
    private final ReadModelKeys keys;
    private final LuaScript versionedSet = new LuaScript(VERSIONED_SET);
    private final LuaScript rebuildSet = new LuaScript(REBUILD_SET);
    private final LuaScript annotateSet = new LuaScript(ANNOTATE_SET);
    private final LuaScript removeAbsent = new LuaScript(REMOVE_ABSENT);

    SubjectWriter(RedisNodes redis, ReadModelKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    /** Applies the entries in order; the list says, per entry, whether it was newer and so applied. */
    Uni<List<Boolean>> apply(List<StoredForm.Entry> entries) {
        return call(versionedSet, entries, null);
    }

    /** Writes annotated copies of the stored versions (same version, a later position). */
    Uni<List<Boolean>> annotate(List<StoredForm.Entry> entries) {
        return call(annotateSet, entries, null);
    }

    /** Writes entries read from the index during a rebuild that began at position {@code floor}. */
    Uni<List<Boolean>> rebuild(List<StoredForm.Entry> entries, long floor) {
        return call(rebuildSet, entries, floor);
    }

    /** Removes from each subject the fields absent from the index (older than {@code floor}); returns how many. */
    Uni<Long> removeAbsent(List<String> subjectIds, List<List<String>> presentFields, long floor) {
        if (subjectIds.isEmpty()) {
            return Uni.createFrom().item(0L);
        }
        List<LuaScript.Invocation> calls = new ArrayList<>(subjectIds.size());
        for (int i = 0; i < subjectIds.size(); i++) {
            List<Object> args = new ArrayList<>();
            args.add(floor);
            args.addAll(presentFields.get(i));
            calls.add(new LuaScript.Invocation(keys.subject(subjectIds.get(i)), args));
        }
        return removeAbsent.callAll(redis, calls)
                .map(rs -> rs.stream().mapToLong(r -> r == null ? 0 : r.toLong()).sum());
    }

    /** One page of subject keys from a SCAN; the next cursor is "0" at the end. */
    record KeyPage(String cursor, List<String> subjectIds) {
    }

    /**
     * One page of subject keys. In a cluster every master is scanned in turn: the cursor is the master's place in the
     * list and that master's own SCAN cursor ({@code "2/1234"}); {@code "0"} starts and ends the walk.
     */
    Uni<KeyPage> scanSubjects(String cursor, int count) {
        String prefix = keys.subject("");
        int slash = cursor.indexOf('/');
        int node = slash < 0 ? 0 : Integer.parseInt(cursor.substring(0, slash));
        String nodeCursor = slash < 0 ? cursor : cursor.substring(slash + 1);
        return redis.masters().flatMap(masters -> {
            if (node >= masters.size()) {
                return Uni.createFrom().item(new KeyPage("0", List.of()));
            }
            return redis.sendTo(masters.get(node), Request.cmd(Command.SCAN).arg(nodeCursor).arg("MATCH")
                    .arg(prefix + "*").arg("COUNT").arg(count)).map(r -> {
                        List<String> ids = new ArrayList<>();
                        for (Response k : r.get(1)) {
                            ids.add(k.toString().substring(prefix.length()));
                        }
                        String next = r.get(0).toString();
                        if ("0".equals(next)) {
                            next = node + 1 < masters.size() ? (node + 1) + "/0" : "0";
                        } else {
                            next = node + "/" + next;
                        }
                        return new KeyPage(next, ids);
                    });
        });
    }

    private Uni<List<Boolean>> call(LuaScript script, List<StoredForm.Entry> entries, Long floor) {
        if (entries.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<LuaScript.Invocation> calls = new ArrayList<>(entries.size());
        for (StoredForm.Entry e : entries) {
            List<Object> args = floor == null ? List.of(e.field(), e.version(), e.position(), e.json())
                    : List.of(e.field(), e.version(), e.position(), e.json(), floor);
            calls.add(new LuaScript.Invocation(keys.subject(e.subjectId()), args));
        }
        return script.callAll(redis, calls).map(responses -> {
            List<Boolean> applied = new ArrayList<>(responses.size());
            for (Response r : responses) {
                applied.add(r != null && r.toInteger() == 1);
            }
            return applied;
        });
    }
}
