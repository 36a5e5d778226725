package cn.xinyong.openapi.ratelimit;

import cn.xinyong.openapi.platform.redis.LuaScript;
import io.quarkus.logging.Log;
import io.quarkus.redis.client.RedisClientName;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Redis;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Token buckets shared by every instance: one Redis script call per request reads, refills and takes
 * from the bucket atomically, on Redis's clock. When Redis cannot answer in time, each instance falls
 * back to its own in-memory buckets with the same rates: degraded (a caller may get up to N times the
 * rate across N instances) but never an open door.
 */
@ApplicationScoped
public class TokenBucketLimiter {

    /** KEYS[1] bucket; ARGV rate/s, burst, cost. Returns {allowed, tokens left (string)}. */
    static final String TAKE = """
            local now = redis.call('TIME')
            local now_ms = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
            local rate = tonumber(ARGV[1])
            local burst = tonumber(ARGV[2])
            local cost = tonumber(ARGV[3])
            local state = redis.call('HMGET', KEYS[1], 't', 'ts')
            local tokens = tonumber(state[1])
            local ts = tonumber(state[2])
            if tokens == nil then tokens = burst; ts = now_ms end
            tokens = math.min(burst, tokens + math.max(0, now_ms - ts) * rate / 1000)
            local allowed = 0
            if tokens >= cost then tokens = tokens - cost; allowed = 1 end
            redis.call('HSET', KEYS[1], 't', tostring(tokens), 'ts', now_ms)
            redis.call('PEXPIRE', KEYS[1], math.ceil(burst / rate * 1000) + 1000)
            return {allowed, tostring(tokens)}
            """;

    /** The outcome of one request against one bucket. */
    public record Decision(boolean allowed, double tokens, RateLimitConfig.Bucket bucket, String group, boolean local) {
        public int remaining() {
            return (int) Math.floor(tokens);
        }

        /** Seconds until one token is back (for Retry-After). */
        public long retryAfterSeconds() {
            return Math.max(1, (long) Math.ceil((1 - tokens) / bucket.rate()));
        }

        /** Seconds until the bucket is full again. */
        public long resetSeconds() {
            return (long) Math.ceil((bucket.burst() - tokens) / bucket.rate());
        }
    }

    private final Redis redis;
    private final RateLimitConfig config;
    private final LuaScript takeScript = new LuaScript(TAKE);
    private final Map<String, LocalBucket> local = new ConcurrentHashMap<>();
    private final AtomicLong lastWarning = new AtomicLong();

    private final io.micrometer.core.instrument.MeterRegistry meters;

    @jakarta.inject.Inject
    public TokenBucketLimiter(@RedisClientName("ratelimit") Redis redis, RateLimitConfig config,
            io.micrometer.core.instrument.MeterRegistry meters) {
        this.redis = redis;
        this.config = config;
        this.meters = meters;
    }

    /** A limiter over another Redis (a second instance, in tests), without metrics. */
    public TokenBucketLimiter(Redis redis, RateLimitConfig config) {
        this(redis, config, new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
    }

    public Uni<Decision> take(String key, RateLimitConfig.Bucket bucket, String group) {
        return takeScript.call(redis, key, Double.toString(bucket.rate()), bucket.burst(), 1)
                .map(r -> new Decision(r.get(0).toInteger() == 1, Double.parseDouble(r.get(1).toString()), bucket, group,
                        false))
                .ifNoItem().after(config.redisTimeout()).fail()
                .onFailure().recoverWithItem(e -> {
                    warn(e);
                    return takeLocally(key, bucket, group);
                })
                .invoke(d -> meters.counter("xinyong.ratelimit.decisions", "group", group,
                        "outcome", d.allowed() ? "allowed" : "limited", "store", d.local() ? "local" : "redis").increment());
    }

    Decision takeLocally(String key, RateLimitConfig.Bucket bucket, String group) {
        LocalBucket b = local.computeIfAbsent(key, k -> new LocalBucket(bucket.burst()));
        return b.take(bucket, group);
    }

    private void warn(Throwable e) {
        long now = System.currentTimeMillis();
        long last = lastWarning.get();
        if (now - last > 10_000 && lastWarning.compareAndSet(last, now)) {
            Log.warnf("rate limiter: Redis unavailable (%s); using per-instance buckets", e.getMessage());
        }
    }

    @Scheduled(every = "60s", delayed = "60s")
    void forgetIdleLocalBuckets() {
        long cutoff = System.nanoTime() - Duration.ofMinutes(10).toNanos();
        local.values().removeIf(b -> b.lastNanos < cutoff);
    }

    /** The in-memory fallback bucket. */
    static final class LocalBucket {
        private double tokens;
        private volatile long lastNanos = System.nanoTime();

        LocalBucket(int burst) {
            this.tokens = burst;
        }

        synchronized Decision take(RateLimitConfig.Bucket bucket, String group) {
            long now = System.nanoTime();
            tokens = Math.min(bucket.burst(), tokens + (now - lastNanos) / 1e9 * bucket.rate());
            lastNanos = now;
            boolean allowed = tokens >= 1;
            if (allowed) {
                tokens -= 1;
            }
            return new Decision(allowed, tokens, bucket, group, true);
        }
    }
}
