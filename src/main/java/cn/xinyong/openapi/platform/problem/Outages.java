package cn.xinyong.openapi.platform.problem;

import io.quarkus.logging.Log;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Failures of a backing store, told apart from bugs and logged once per outage: the first failure of a store
 * is logged as a warning, the ones after it only counted, until the store has been quiet for
 * {@link #QUIET_MILLIS}; the next failure then starts a new outage (and says how many requests the last one
 * failed). A store that is down fails thousands of requests a second: one line each would bury the log.
 */
public final class Outages {

    static final long QUIET_MILLIS = 30_000;

    private record Outage(AtomicLong lastFailure, AtomicLong failures) {
    }

    private static final Map<String, Outage> OUTAGES = new ConcurrentHashMap<>();

    private Outages() {
    }

    /**
     * Redis's answers for "not now" (a failover, a node loading its data, a write it cannot replicate, a slot moving),
     * also as they appear inside a script's error ({@code @user_script:6: -NOREPLICAS …}).
     */
    private static final java.util.regex.Pattern REDIS_NOT_NOW = java.util.regex.Pattern.compile(
            "(^|[\\s:-])(CLUSTERDOWN|TRYAGAIN|LOADING|NOREPLICAS|READONLY|MASTERDOWN|MOVED|ASK) ");

    /**
     * Whether the failure is a store that cannot be reached (refused, reset, closed, timed out) or that answered
     * "not now" (Redis during a failover), not a bug.
     */
    public static boolean isUnreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String name = t.getClass().getName();
            String message = String.valueOf(t.getMessage());
            if (REDIS_NOT_NOW.matcher(message).find()
                    || t instanceof java.net.ConnectException || t instanceof java.nio.channels.ClosedChannelException
                    || t instanceof java.util.concurrent.TimeoutException || t instanceof java.net.SocketException
                    || name.endsWith("ClosedConnectionException") || name.endsWith("ConnectTimeoutException")
                    || name.equals("io.vertx.core.impl.NoStackTraceTimeoutException")
                    || message.contains("Connection refused") || message.contains("Connection reset")
                    || message.contains("Failed to connect") || message.contains("connection is closed")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Which store a failure came from: the one whose host:port the failure names (a refused or reset connection
     * says where it was going), else the one whose client classes it passed through.
     */
    public static String storeOf(Throwable e, Map<String, List<String>> endpoints) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = String.valueOf(t.getMessage());
            for (var store : endpoints.entrySet()) {
                if (store.getValue().stream().anyMatch(message::contains)) {
                    return store.getKey();
                }
            }
        }
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String names = t.getClass().getName() + " " + java.util.Arrays.stream(t.getStackTrace()).limit(40)
                    .map(StackTraceElement::getClassName).reduce("", (a, b) -> a + " " + b);
            if (names.contains("pgclient") || names.contains("sqlclient") || names.contains("org.hibernate")) {
                return "PostgreSQL";
            }
            if (names.contains("redis")) {
                return "Redis";
            }
            if (names.contains("opensearch") || names.contains("SearchGateway")) {
                return "OpenSearch";
            }
        }
        return "A backing store";
    }

    /** The host:port pairs in a list of URLs or host:port values (comma-separated). */
    public static List<String> hostPorts(String urls) {
        List<String> out = new java.util.ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("([A-Za-z0-9.-]+:[0-9]{2,5})").matcher(urls == null ? "" : urls);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /** Logs the failure of {@code store} if it starts an outage; counts it otherwise. */
    public static void report(String store, String what) {
        long now = System.currentTimeMillis();
        Outage o = OUTAGES.computeIfAbsent(store, s -> new Outage(new AtomicLong(), new AtomicLong()));
        long last = o.lastFailure().getAndSet(now);
        if (now - last > QUIET_MILLIS) {
            long before = o.failures().getAndSet(1);
            Log.warnf("%s unavailable: %s (requests answer 503 with Retry-After; further failures are counted, "
                    + "not logged, until it has been quiet for %d s%s)", store, what, QUIET_MILLIS / 1000,
                    last == 0 ? "" : "; the previous outage failed " + before + " requests");
        } else {
            o.failures().incrementAndGet();
        }
    }
}
