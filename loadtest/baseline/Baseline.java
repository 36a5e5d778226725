import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;

/**
 * The least work that gives the same answer as an entity lookup: one HTTP route on plain Vert.x,
 * one HGETALL, the stored fields written back as JSON. No validation, no assembly, no limits.
 * Usage: java -cp "target/quarkus-app/lib/main/*" loadtest/baseline/Baseline.java PORT REDIS_URL KEY_PREFIX
 */
public class Baseline {
    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        String prefix = args.length > 2 ? args[2] : "xy:";
        Vertx vertx = Vertx.vertx();
        Redis redis = Redis.createClient(vertx, new RedisOptions().setConnectionString(args[1])
                .setMaxPoolSize(32).setMaxPoolWaiting(1024));
        vertx.createHttpServer().requestHandler(req -> {
            String path = req.path();
            String code = path.substring(path.lastIndexOf('/') + 1);
            redis.send(Request.cmd(Command.HGETALL).arg(prefix + "s:" + code)).onComplete(ar -> {
                if (ar.failed()) {
                    req.response().setStatusCode(503).end();
                    return;
                }
                JsonObject out = new JsonObject();
                for (String k : ar.result().getKeys()) {
                    out.put(k, ar.result().get(k).toString());
                }
                req.response().setStatusCode(out.isEmpty() ? 404 : 200).putHeader("content-type", "application/json")
                        .end(out.encode());
            });
        }).listen(port).onSuccess(s -> System.out.println("baseline listening on " + port));
    }
}
