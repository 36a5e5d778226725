package cn.xinyong.openapi.platform.redis;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * A Redis script, each call with one key: sent by its SHA-1 ({@code EVALSHA}, computed here, so nothing has to be
 * loaded first), and sent whole ({@code EVAL}, which also caches it on that node) when a node answers {@code NOSCRIPT}
 * — after a restart, a failover to a replica that never saw it, or {@code SCRIPT FLUSH}. Every script here is safe to
 * run twice (version-guarded writes, or a lease whose second take is bounded by the bucket), so a batch that met
 * {@code NOSCRIPT} on one node is simply sent again whole.
 */
public final class LuaScript {

    /** One call's key and arguments. */
    public record Invocation(String key, List<Object> args) {
    }

    /** Longest wait for a batch of scripts: far above a healthy batch of 500 (well under a second). */
    static final Duration BATCH_TIMEOUT = Duration.ofSeconds(10);

    private final String source;
    private final String sha;

    public LuaScript(String source) {
        this.source = source;
        this.sha = sha1(source);
    }

    public Uni<Response> call(RedisNodes redis, String key, Object... args) {
        return callAll(redis, List.of(new Invocation(key, List.of(args)))).map(r -> r.get(0));
    }

    public Uni<List<Response>> callAll(RedisNodes redis, List<Invocation> calls) {
        return send(redis, calls, true)
                .onFailure(LuaScript::noScript).recoverWithUni(() -> send(redis, calls, false));
    }

    private static boolean noScript(Throwable e) {
        return RedisNodes.says(e, "NOSCRIPT");
    }

    private Uni<List<Response>> send(RedisNodes redis, List<Invocation> calls, boolean bySha) {
        List<RedisNodes.Keyed> requests = new ArrayList<>(calls.size());
        for (Invocation c : calls) {
            Request r = bySha ? Request.cmd(Command.EVALSHA).arg(sha) : Request.cmd(Command.EVAL).arg(source);
            r.arg(1).arg(c.key());
            for (Object a : c.args()) {
                r.arg(String.valueOf(a));
            }
            requests.add(new RedisNodes.Keyed(c.key(), r));
        }
        if (calls.size() == 1) {
            return redis.send(calls.get(0).key(), requests.get(0).request()).map(List::of);
        }
        // A batch that fails while Redis restarts can be left without an answer by the client (its failure handler
        // has been seen to throw): bound it, and try once more on a fresh connection.
        return Uni.createFrom().deferred(() -> redis.batch(requests)).ifNoItem().after(BATCH_TIMEOUT)
                .on(cn.xinyong.openapi.platform.CallerContext.timers())
                .failWith(() -> new TimeoutException("Redis batch of " + requests.size()
                        + " scripts got no answer within " + BATCH_TIMEOUT.toSeconds() + " s"))
                .onFailure(TimeoutException.class).retry().atMost(1);
    }

    static String sha1(String source) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
