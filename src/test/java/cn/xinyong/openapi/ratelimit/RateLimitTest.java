package cn.xinyong.openapi.ratelimit;

import static cn.xinyong.openapi.support.Fixtures.residentId;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.xinyong.openapi.support.Fixtures;
import cn.xinyong.openapi.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.core.Vertx;
import cn.xinyong.openapi.platform.redis.RedisNodes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RateLimitTest {

    @Inject
    TokenBucketLimiter limiter;
    @Inject
    RateLimitConfig config;
    @Inject
    Vertx vertx;
    @ConfigProperty(name = "xinyong.redis.url")
    String redisHosts;

    private RedisNodes nodes(String url) {
        return new RedisNodes(vertx, new RedisNodes.Settings("test", java.util.List.of(url), false, 4, 64,
                Duration.ofSeconds(1), Duration.ofSeconds(5)));
    }

    private static String someAddress() {
        return "203.0.113." + (1 + (int) (Math.random() * 250));
    }

    @Test
    void anonymousCallersAreLimitedByAddressWithStandardHeaders() {
        String address = someAddress();
        String uscc = Fixtures.newUscc("110101");
        for (int i = 0; i < 3; i++) {
            given().header("X-Forwarded-For", address).get("/v1/entities/" + uscc).then().statusCode(404)
                    .header("RateLimit-Policy", "\"lookups\";q=3;w=15")
                    .header("RateLimit", matchesPattern("\"lookups\";r=" + (2 - i) + ";t=\\d+"));
        }
        given().header("X-Forwarded-For", address).get("/v1/entities/" + uscc).then().statusCode(429)
                .contentType("application/problem+json").body("type", equalTo("/problems/rate-limited"))
                .body("instance", equalTo("/v1/entities/" + uscc))
                .header("Retry-After", notNullValue())
                .header("RateLimit", matchesPattern("\"lookups\";r=0;t=\\d+"));
        // Another address has its own bucket; a forged hop left of the proxy's entry changes nothing.
        given().header("X-Forwarded-For", someAddress()).get("/v1/entities/" + uscc).then().statusCode(404);
        given().header("X-Forwarded-For", "198.51.100.7, " + address).get("/v1/entities/" + uscc).then().statusCode(429);
    }

    @Test
    void partnersAreLimitedByClientIdAndPlan() {
        String token = Tokens.bearer(Tokens.partner("tiny-" + UUID.randomUUID(), "tiny", "screening"));
        String uscc = Fixtures.newUscc("110101");
        for (int i = 0; i < 3; i++) {
            given().header("Authorization", token).header("X-Forwarded-For", someAddress()).get("/v1/entities/" + uscc)
                    .then().statusCode(404);
        }
        given().header("Authorization", token).header("X-Forwarded-For", someAddress()).get("/v1/entities/" + uscc)
                .then().statusCode(429);
    }

    @Test
    void aBucketSpentThroughLeasesStillLetsThroughExactlyItsBurst() {
        // The "leased" plan's lookups bucket holds 100 tokens and barely refills: the instance takes them from Redis
        // two at a time (burst / 50), and still every request costs one: the 101st is refused.
        assertEquals(2, TokenBucketLimiter.leaseSize(new RateLimitConfig.Bucket() {
            public double rate() {
                return 0.001;
            }

            public int burst() {
                return 100;
            }
        }));
        String token = Tokens.bearer(Tokens.partner("leased-" + UUID.randomUUID(), "leased", "screening"));
        String code = Fixtures.newUscc("110101");
        for (int i = 0; i < 100; i++) {
            int status = given().header("Authorization", token).get("/v1/entities/" + code).statusCode();
            assertEquals(404, status, "request " + (i + 1) + " is within the burst");
        }
        given().header("Authorization", token).get("/v1/entities/" + code).then().statusCode(429)
                .header("Retry-After", notNullValue());
    }

    @Test
    void aBadTokenOnAnOpenEndpointIsRefusedNotIgnored() {
        given().header("Authorization", "Bearer " + Tokens.wrongKey("x")).get("/v1/lists").then().statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void twoInstancesSharingRedisShareTheBucket() {
        // A second limiter with its own Redis connection stands for a second service instance.
        RedisNodes second = nodes(redisHosts);
        try {
            TokenBucketLimiter other = new TokenBucketLimiter(second, config);
            RateLimitConfig.Bucket bucket = config.plans().get("tiny").get("lookups");
            String key = "rl:test:" + UUID.randomUUID();
            int allowed = 0;
            for (int i = 0; i < 6; i++) {
                TokenBucketLimiter.Decision d = (i % 2 == 0 ? limiter : other).take(key, bucket, "lookups")
                        .await().atMost(Duration.ofSeconds(5));
                assertFalse(d.local(), "decided in Redis");
                allowed += d.allowed() ? 1 : 0;
            }
            assertEquals(3, allowed, "the burst of 3 holds across both instances");
        } finally {
            second.close();
        }
    }

    @Test
    void fallsBackToLocalBucketsWhenRedisIsUnreachable() {
        // Nothing listens on port 1: every call fails fast, as with a stopped Redis.
        RedisNodes dead = nodes("redis://127.0.0.1:1");
        try {
            TokenBucketLimiter isolated = new TokenBucketLimiter(dead, config);
            RateLimitConfig.Bucket bucket = config.plans().get("tiny").get("lookups");
            int allowed = 0;
            for (int i = 0; i < 6; i++) {
                TokenBucketLimiter.Decision d = isolated.take("rl:test:down", bucket, "lookups").await().atMost(Duration.ofSeconds(5));
                assertTrue(d.local(), "decided locally");
                allowed += d.allowed() ? 1 : 0;
            }
            assertEquals(3, allowed, "still limited to the burst, not an open door");
        } finally {
            dead.close();
        }
    }

    private static String policyOf(String path) {
        return given().header("X-Forwarded-For", someAddress()).get(path).then().extract().header("RateLimit-Policy");
    }

    @Test
    void eachRouteCountsAgainstTheGroupItDeclaresTrailingSlashOrNot() {
        assertTrue(policyOf("/v1/entities?q=恒泰").startsWith("\"search\""));
        assertTrue(policyOf("/v1/entities/?q=恒泰").startsWith("\"search\""), "a trailing slash is still a search");
        assertTrue(policyOf("/v1/lists/redList/entries/").startsWith("\"search\""));
        assertTrue(policyOf("/v1/entities/" + Fixtures.newUscc("110101")).startsWith("\"lookups\""));
        assertTrue(policyOf("/v1/feeds/penalties").startsWith("\"feeds\""), "feeds have a mirror-sized group of their own");
        assertTrue(policyOf("/v1/exports/penalties.ndjson").startsWith("\"exports\""), "a streamed answer carries them too");
        assertTrue(policyOf("/v1/statistics/penalties?by=month").startsWith("\"search\""));
    }

    @Test
    void twoResidentsOfOneAppHaveTheirOwnBuckets() {
        String first = Tokens.bearer(Tokens.subject("app-shared", residentId(), "tiny"));
        String second = Tokens.bearer(Tokens.subject("app-shared", residentId(), "tiny"));
        String[] a = new String[3];
        for (int i = 0; i < 3; i++) {
            a[i] = given().header("Authorization", first).get("/v1/me/accesses").then().statusCode(200)
                    .header("RateLimit-Policy", org.hamcrest.Matchers.startsWith("\"persons\"")).extract().header("RateLimit");
        }
        String b = given().header("Authorization", second).get("/v1/me/accesses").then().statusCode(200).extract()
                .header("RateLimit");
        assertEquals("\"persons\";r=4", a[0].replaceAll(";t=.*", ""));
        assertEquals("\"persons\";r=2", a[2].replaceAll(";t=.*", ""), "the first resident's bucket goes down");
        assertEquals("\"persons\";r=4", b.replaceAll(";t=.*", ""), "the second resident of the same app has a bucket of their own");
    }


    @Test
    void trustsForwardedForOnlyFromTrustedProxies() {
        var proxies = cn.xinyong.openapi.platform.web.TrustedProxies.of(java.util.List.of("10.0.0.1"));
        assertEquals("1.2.3.4", ClientAddress.resolve("10.0.0.1", "9.9.9.9, 1.2.3.4", proxies));
        assertEquals("5.6.7.8", ClientAddress.resolve("5.6.7.8", "1.2.3.4", proxies));
        assertEquals("10.0.0.1", ClientAddress.resolve("10.0.0.1", null, proxies));
    }

    @Test
    void forwardedForIsBelievedFromAnyAddressOfATrustedRangeAndItsHopsAreSkipped() {
        var proxies = cn.xinyong.openapi.platform.web.TrustedProxies.of(java.util.List.of("10.0.0.0/8", "fd00::/8"));
        assertEquals("1.2.3.4", ClientAddress.resolve("10.200.3.4", "9.9.9.9, 1.2.3.4", proxies));
        assertEquals("1.2.3.4", ClientAddress.resolve("10.200.3.4", "9.9.9.9, 1.2.3.4, 10.9.9.9", proxies),
                "a second proxy inside the range is skipped");
        assertEquals("2001:db8::7", ClientAddress.resolve("fd00::17", "2001:db8::7", proxies));
        assertEquals("11.0.0.1", ClientAddress.resolve("11.0.0.1", "1.2.3.4", proxies), "just outside the range");
    }

    @Test
    void overHttpAHopInsideTheTrustedRangeDoesNotGiveACallerAFreshBucket() {
        // The suite trusts 127.0.0.1 and 127.0.0.8/29 (application.properties, %test; 127.0.0.2 stays untrusted for
        // HttpContractTest): the request comes from 127.0.0.1, and
        // 127.0.0.9 in X-Forwarded-For is a second proxy of that range, not the caller.
        // 198.18.0.0/15 (benchmarking): no other test's addresses, so the bucket is this test's own.
        String address = "198.18." + (int) (Math.random() * 256) + "." + (1 + (int) (Math.random() * 254));
        String uscc = Fixtures.newUscc("110101");
        for (int i = 0; i < 3; i++) {
            given().header("X-Forwarded-For", i % 2 == 0 ? address + ", 127.0.0.9" : address)
                    .get("/v1/entities/" + uscc).then().statusCode(404)
                    .header("RateLimit", matchesPattern("\"lookups\";r=" + (2 - i) + ";t=\\d+"));
        }
        given().header("X-Forwarded-For", address + ", 127.0.0.9").get("/v1/entities/" + uscc).then().statusCode(429);
    }
}
