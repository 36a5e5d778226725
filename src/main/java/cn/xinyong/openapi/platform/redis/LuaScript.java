package cn.xinyong.openapi.platform.redis;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A Redis script called by its SHA (loaded once, loaded again after a Redis restart answers
 * NOSCRIPT), one call or a pipelined batch of calls, each with one key.
 */
public final class LuaScript {

    /** One call's key and arguments. */
    public record Invocation(String key, List<Object> args) {
    }

    private final String source;
    private final AtomicReference<String> sha = new AtomicReference<>();

    public LuaScript(String source) {
        this.source = source;
    }

    public Uni<Response> call(Redis redis, String key, Object... args) {
        return callAll(redis, List.of(new Invocation(key, List.of(args)))).map(r -> r.get(0));
    }

    public Uni<List<Response>> callAll(Redis redis, List<Invocation> calls) {
        return sha(redis).flatMap(s -> send(redis, s, calls))
                .onFailure(e -> String.valueOf(e.getMessage()).contains("NOSCRIPT"))
                .recoverWithUni(() -> {
                    sha.set(null);
                    return sha(redis).flatMap(s -> send(redis, s, calls));
                });
    }

    private static Uni<List<Response>> send(Redis redis, String sha, List<Invocation> calls) {
        List<Request> requests = new ArrayList<>(calls.size());
        for (Invocation c : calls) {
            Request r = Request.cmd(Command.EVALSHA).arg(sha).arg(1).arg(c.key());
            for (Object a : c.args()) {
                r.arg(String.valueOf(a));
            }
            requests.add(r);
        }
        if (calls.size() == 1) {
            return redis.send(requests.get(0)).map(List::of);
        }
        // A batch that fails while Redis restarts can be left without an answer by the client (its failure handler
        // has been seen to throw): bound it, and try once more on a fresh connection. The scripts are
        // version-guarded, so running a batch twice changes nothing.
        return Uni.createFrom().deferred(() -> redis.batch(requests)).ifNoItem().after(BATCH_TIMEOUT)
                .failWith(() -> new java.util.concurrent.TimeoutException("Redis batch of " + requests.size()
                        + " scripts got no answer within " + BATCH_TIMEOUT.toSeconds() + " s"))
                .onFailure(java.util.concurrent.TimeoutException.class).retry().atMost(1);
    }

    /** Longest wait for a batch of scripts: far above a healthy batch of 500 (well under a second). */
    static final java.time.Duration BATCH_TIMEOUT = java.time.Duration.ofSeconds(10);

    private Uni<String> sha(Redis redis) {
        String known = sha.get();
        if (known != null) {
            return Uni.createFrom().item(known);
        }
        return redis.send(Request.cmd(Command.SCRIPT).arg("LOAD").arg(source)).map(Response::toString).invoke(sha::set);
    }
}
