package cn.xinyong.openapi.ratelimit;

import cn.xinyong.openapi.platform.redis.LuaScript;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import cn.xinyong.openapi.platform.redis.RedisNodes;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Token buckets shared by every instance, on Redis's clock. A Redis script reads, refills and takes from the
 * bucket atomically; an instance may take a small <em>lease</em> of tokens at once and spend them on the
 * caller's next requests without asking Redis again.
 *
 * <p>The lease is {@code burst / 50} tokens (at most 100; one, so exact, for any bucket under 100 tokens) and
 * lapses {@value #LEASE_MILLIS} ms after it is taken. Every request still costs one token of the shared bucket,
 * and tokens are taken from Redis before they are spent, so the instances together never let more through than the
 * bucket holds. The error is the other way: a caller may be refused while up to {@code lease - 1} tokens wait,
 * unspent, on another instance, for at most {@value #LEASE_MILLIS} ms (2 % of the burst per instance). The
 * {@code RateLimit} header's remaining count is the bucket's at the last Redis call plus the instance's lease.
 *
 * <p>When Redis cannot answer in time, each instance falls back to its own in-memory buckets with the same rates:
 * degraded (a caller may get up to N times the rate across N instances) but never an open door.
 */
@ApplicationScoped
public class TokenBucketLimiter {

    /**
     * KEYS[1] bucket; ARGV rate/s, burst, tokens wanted. Takes as many of the wanted tokens as the bucket holds
     * (none when it holds less than one). Returns {tokens granted, tokens left (string)}.
     */
    static final String TAKE = """
            local now = redis.call('TIME')
            local now_ms = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
            local rate = tonumber(ARGV[1])
            local burst = tonumber(ARGV[2])
            local want = tonumber(ARGV[3])
            local state = redis.call('HMGET', KEYS[1], 't', 'ts')
            local tokens = tonumber(state[1])
            local ts = tonumber(state[2])
            if tokens == nil then tokens = burst; ts = now_ms end
            tokens = math.min(burst, tokens + math.max(0, now_ms - ts) * rate / 1000)
            local granted = math.min(want, math.floor(tokens))
            if granted < 0 then granted = 0 end
            tokens = tokens - granted
            redis.call('HSET', KEYS[1], 't', tostring(tokens), 'ts', now_ms)
            redis.call('PEXPIRE', KEYS[1], math.ceil(burst / rate * 1000) + 1000)
            return {granted, tostring(tokens)}
            """;

    /** How long a lease of tokens may wait unspent. */
    static final long LEASE_MILLIS = 250;
    /** The largest lease. */
    static final int MAX_LEASE = 100;

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

    private final RedisNodes redis;
    private final RateLimitConfig config;
    private final LuaScript takeScript = new LuaScript(TAKE);
    private final Map<String, LocalBucket> local = new ConcurrentHashMap<>();
    private final Map<String, Lease> leases = new ConcurrentHashMap<>();
    private final Map<String, io.micrometer.core.instrument.Counter> counters = new ConcurrentHashMap<>();
    private final AtomicLong lastWarning = new AtomicLong();

    private final io.micrometer.core.instrument.MeterRegistry meters;

    @jakarta.inject.Inject
    public TokenBucketLimiter(@Identifier("ratelimit") RedisNodes redis, RateLimitConfig config,
            io.micrometer.core.instrument.MeterRegistry meters) {
        this.redis = redis;
        this.config = config;
        this.meters = meters;
    }

    /** A limiter over another Redis (a second instance, in tests), without metrics. */
    public TokenBucketLimiter(RedisNodes redis, RateLimitConfig config) {
        this(redis, config, new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
    }

    /** The tokens an instance takes from the shared bucket at once: burst / 50, at least 1, at most 100. */
    static int leaseSize(RateLimitConfig.Bucket bucket) {
        return Math.max(1, Math.min(MAX_LEASE, bucket.burst() / 50));
    }

    public Uni<Decision> take(String key, RateLimitConfig.Bucket bucket, String group) {
        Lease lease = leases.get(key);
        if (lease != null) {
            Decision d = lease.spend(bucket, group);
            if (d != null) {
                count(d);
                return Uni.createFrom().item(d);
            }
        }
        int want = leaseSize(bucket);
        return takeScript.call(redis, key, Double.toString(bucket.rate()), bucket.burst(), want)
                .map(r -> {
                    int granted = r.get(0).toInteger();
                    double left = Double.parseDouble(r.get(1).toString());
                    if (granted > 1) {
                        leases.put(key, new Lease(granted - 1, left, System.nanoTime() + LEASE_MILLIS * 1_000_000));
                    }
                    return new Decision(granted >= 1, left + Math.max(0, granted - 1), bucket, group, false);
                })
                .ifNoItem().after(config.redisTimeout()).on(cn.xinyong.openapi.platform.CallerContext.timers()).fail()
                .onFailure().recoverWithItem(e -> {
                    warn(e);
                    return takeLocally(key, bucket, group);
                })
                .invoke(this::count);
    }

    private void count(Decision d) {
        String name = d.group() + (d.allowed() ? "|allowed|" : "|limited|") + (d.local() ? "local" : "redis");
        counters.computeIfAbsent(name, n -> meters.counter("xinyong.ratelimit.decisions", "group", d.group(),
                "outcome", d.allowed() ? "allowed" : "limited", "store", d.local() ? "local" : "redis")).increment();
    }

    /** Tokens taken from the shared bucket and not yet spent, until they lapse. */
    static final class Lease {
        private int left;
        private final double bucketLeft;
        private final long expiresNanos;

        Lease(int left, double bucketLeft, long expiresNanos) {
            this.left = left;
            this.bucketLeft = bucketLeft;
            this.expiresNanos = expiresNanos;
        }

        /** Spends one token of the lease, or null when it is spent or has lapsed. */
        synchronized Decision spend(RateLimitConfig.Bucket bucket, String group) {
            if (left <= 0 || System.nanoTime() - expiresNanos > 0) {
                return null;
            }
            left--;
            return new Decision(true, bucketLeft + left, bucket, group, false);
        }
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
        long now = System.nanoTime();
        leases.values().removeIf(l -> now - l.expiresNanos > 0);
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
