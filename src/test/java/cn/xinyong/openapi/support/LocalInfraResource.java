package cn.xinyong.openapi.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Starts real Redis, PostgreSQL and OpenSearch for the test run through {@code bin/infra} (the same
 * script the run command uses) and points the application at them. Each run gets its own key and
 * index prefix (and shared-configuration scope), so runs against shared external servers do not see each
 * other's data.
 */
public class LocalInfraResource implements QuarkusTestResourceLifecycleManager {

    public static final String INGEST_TOKEN = "test-ingest-token";
    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final Path DIR = ROOT.resolve("target/test-infra");

    @Override
    public Map<String, String> start() {
        run("up");
        Map<String, String> env = readEnv();
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> config = new HashMap<>();
        config.put("xinyong.redis.url", env.get("REDIS_URL"));
        config.put("xinyong.opensearch.hosts", env.get("OPENSEARCH_URL"));
        String pg = env.get("PG_HOSTPORT");
        config.put("quarkus.datasource.reactive.url", "postgresql://" + pg + "/xinyong");
        config.put("quarkus.datasource.jdbc.url", "jdbc:postgresql://" + pg + "/xinyong");
        config.put("xinyong.ingest.token", INGEST_TOKEN);
        config.put("xinyong.opensearch.index-prefix", "t" + run + "-");
        config.put("xinyong.redis.key-prefix", "t" + run + ":");
        config.put("xinyong.shared-config.scope", "t" + run + ":");
        return config;
    }

    @Override
    public void stop() {
        if (!"true".equals(System.getenv("XINYONG_KEEP_INFRA"))) {
            run("down");
        }
    }

    /** True when this run started its own Redis (so a test may restart it). */
    public static boolean ownsRedis() {
        return System.getenv("XINYONG_REDIS_URL") == null;
    }

    /** Stops Redis and starts it again, empty, on the same port: a cache without persistence after a crash. */
    public static void restartRedis() {
        run("restart-redis");
    }

    /** True when this run started its own PostgreSQL (so a test may stop and start it). */
    public static boolean ownsPostgres() {
        return System.getenv("XINYONG_PG_URL") == null;
    }

    /** Stops PostgreSQL (an outage); {@link #startPostgres} ends it, with the same data and port. */
    public static void stopPostgres() {
        run("stop-postgres");
    }

    public static void startPostgres() {
        run("start-postgres");
    }

    /** Stalls OpenSearch: the process stays, its connections stay open, nothing answers. */
    public static void pauseOpenSearch() {
        run("pause-opensearch");
    }

    public static void resumeOpenSearch() {
        run("resume-opensearch");
    }

    private static void run(String command) {
        try {
            Process p = new ProcessBuilder(List.of(ROOT.resolve("bin/infra").toString(), command, DIR.toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(ROOT.resolve("target/test-infra.log").toFile()))
                    .start();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("bin/infra " + command + " failed; see target/test-infra.log:\n"
                        + Files.readString(ROOT.resolve("target/test-infra.log")));
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not run bin/infra", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> readEnv() {
        try {
            Map<String, String> env = new HashMap<>();
            for (String line : Files.readAllLines(DIR.resolve("env"))) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    env.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
            return env;
        } catch (IOException e) {
            throw new IllegalStateException("bin/infra wrote no env file", e);
        }
    }
}
