package cn.xinyong.openapi.ratelimit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Rate limits: token buckets per caller and endpoint group, set by plan. */
@ConfigMapping(prefix = "xinyong.ratelimit")
public interface RateLimitConfig {

    /** Switches limiting off altogether (never in production). */
    @WithDefault("true")
    boolean enabled();

    /**
     * Plans by name ({@code anonymous} for callers without a token, else the token's {@code plan}
     * claim), each mapping an endpoint group (lookups, search, screening, exports, eligibility,
     * persons) to its bucket.
     */
    Map<String, Map<String, Bucket>> plans();

    /**
     * Addresses and CIDR ranges (IPv4 and IPv6, e.g. {@code 10.0.0.0/8,::1/128}) of the proxies whose
     * {@code X-Forwarded-For} is believed (the ingress's); read and checked once at start by
     * {@link cn.xinyong.openapi.platform.web.TrustedProxies}, which is what the filter asks.
     */
    Optional<List<String>> trustedProxies();

    /** Client addresses never limited (internal monitoring). */
    Optional<List<String>> exemptAddresses();

    /** How long to wait for Redis before falling back to the local per-instance buckets. */
    @WithDefault("150ms")
    Duration redisTimeout();

    /** A bucket: refills at {@code rate} tokens per second up to {@code burst}. */
    interface Bucket {
        double rate();

        int burst();
    }
}
