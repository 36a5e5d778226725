package cn.xinyong.openapi.readmodel;

import static cn.xinyong.openapi.support.Fixtures.entity;
import static cn.xinyong.openapi.support.Fixtures.ingest;
import static cn.xinyong.openapi.support.Fixtures.licence;
import static cn.xinyong.openapi.support.Fixtures.listEntry;
import static cn.xinyong.openapi.support.Fixtures.newUscc;
import static cn.xinyong.openapi.support.Fixtures.penalty;
import static cn.xinyong.openapi.support.Fixtures.withdraw;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.xinyong.openapi.ingest.IngestReport;
import cn.xinyong.openapi.support.LocalInfraResource;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The read model across the loss of its Redis cache, against real servers: Redis is really stopped and
 * started again empty (bin/infra restart-redis), as a cache without persistence does after a crash.
 */
@QuarkusTest
class ReadModelRecoveryTest {

    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));
    private final ObjectMapper mapper = new ObjectMapper();

    @Inject
    CacheRecovery recovery;
    @Inject
    io.vertx.mutiny.sqlclient.Pool pool;
    @Inject
    cn.xinyong.openapi.platform.redis.RedisNodes redis;

    @BeforeEach
    void needsOwnRedis() throws Exception {
        Assumptions.assumeTrue(LocalInfraResource.ownsRedis(), "restarting Redis needs the suite's own Redis");
        // Start from a complete cache, whatever an earlier test left.
        recovery.rebuildAndWait(java.time.Duration.ofMinutes(1));
    }

    /** Waits for the rebuild set off by the restart (a condition, not a time). */
    private void awaitRebuild() throws Exception {
        recovery.start(false).get(60, TimeUnit.SECONDS);
        given().get("/q/health/ready").then().statusCode(200);
        assertEquals("complete", cacheState());
    }

    private String cacheState() throws Exception {
        JsonNode health = mapper.readTree(given().get("/q/health/ready").then().extract().asString());
        for (JsonNode check : health.path("checks")) {
            if ("read-model".equals(check.path("name").asText())) {
                return check.path("data").path("cache").asText();
            }
        }
        throw new AssertionError("no read-model check in " + health);
    }

    /** Follows a feed to its end from a position in pages of 5; returns the new position and collects the ids seen. */
    private String follow(String dataset, String since, Set<String> seen) throws Exception {
        return follow(dataset, since, seen, 5);
    }

    private String follow(String dataset, String since, Set<String> seen, int limit) throws Exception {
        String position = since;
        for (int guard = 0; guard < 100; guard++) {
            var request = given().queryParam("limit", limit);
            if (position != null) {
                request.queryParam("since", position);
            }
            JsonNode page = mapper.readTree(request.get("/v1/feeds/" + dataset).then().statusCode(200).extract().asString());
            page.path("items").forEach(i -> seen.add(i.path("id").asText()));
            position = page.path("position").asText();
            if (!page.path("more").asBoolean()) {
                return position;
            }
        }
        throw new AssertionError("feed did not end");
    }

    @Test
    void aMirrorFollowingTheFeedAcrossAnEmptyRedisRestartSeesEveryLaterChange() throws Exception {
        String uscc = newUscc("440106");
        ingest(entity(uscc, "广州市镜像重启测试有限公司", 1),
                penalty("PR1-" + uscc, uscc, 1, "general", TODAY.minusMonths(1).toString(), TODAY.plusYears(1).toString()));
        // To the feed's end in large pages (other tests' penalties come first), then the later changes in small ones.
        String position = follow("penalties", null, new HashSet<>(), 1000);

        LocalInfraResource.restartRedis();
        ingest(penalty("PR2-" + uscc, uscc, 1, "general", TODAY.minusDays(3).toString(), TODAY.plusYears(1).toString()),
                penalty("PR3-" + uscc, uscc, 1, "serious", TODAY.minusDays(2).toString(), TODAY.plusYears(2).toString()),
                penalty("PR1-" + uscc, uscc, 2, "general", TODAY.minusMonths(1).toString(), TODAY.plusYears(2).toString()),
                withdraw("penalty", "PR3-" + uscc, uscc, 2, "repaired"));

        Set<String> seen = new HashSet<>();
        follow("penalties", position, seen);
        assertTrue(seen.containsAll(Set.of("PR1-" + uscc, "PR2-" + uscc, "PR3-" + uscc)),
                "every change after the restart reaches the mirror: " + seen);
        awaitRebuild();
    }

    @Test
    void afterAnEmptyRestartLookupsNeverSay404AndTheRebuildRestoresTheSameAnswers() throws Exception {
        String uscc = newUscc("440106");
        ingest(entity(uscc, "广州市缓存恢复测试有限公司", 1),
                penalty("PC-" + uscc, uscc, 1, "general", TODAY.minusMonths(1).toString(), TODAY.plusYears(1).toString()),
                licence("LC-" + uscc, uscc, 1),
                listEntry("LE-" + uscc, uscc, 1, "seriousDishonesty", TODAY.minusDays(10).toString(), null, null));
        Response profile = given().get("/v1/entities/" + uscc);
        profile.then().statusCode(200);
        String lists = given().get("/v1/entities/" + uscc + "/lists").then().statusCode(200).extract().asString();

        LocalInfraResource.restartRedis();
        assertEquals("rebuilding", cacheState(), "readiness tells the cache is being rebuilt");
        given().get("/v1/entities/" + uscc).then().statusCode(200).header("ETag", equalTo(profile.header("ETag")))
                .body("counts.penalties", equalTo(1)).body("lists[0].list", equalTo("seriousDishonesty"));

        awaitRebuild();
        assertEquals(profile.asString(), given().get("/v1/entities/" + uscc).then().statusCode(200).extract().asString());
        assertEquals(lists, given().get("/v1/entities/" + uscc + "/lists").then().statusCode(200).extract().asString());
        given().get("/v1/entities/" + newUscc("440106")).then().statusCode(404);
    }

    @Test
    void aReplayedOldVersionDoesNotRegressAfterARedisLoss() throws Exception {
        String uscc = newUscc("440106");
        ingest(entity(uscc, "广州市版本一有限公司", 1), entity(uscc, "广州市版本三有限公司", 3));
        LocalInfraResource.restartRedis();

        IngestReport replay = ingest(entity(uscc, "广州市版本二有限公司", 2));
        assertEquals(0, replay.applied());
        assertEquals(1, replay.stale());
        given().get("/v1/entities/" + uscc).then().statusCode(200).body("name", equalTo("广州市版本三有限公司"));
        awaitRebuild();
        given().get("/v1/entities/" + uscc).then().statusCode(200).body("name", equalTo("广州市版本三有限公司"));
    }

    @Test
    void aTwoLineBatchAfterARedisRestartApplies() throws Exception {
        String a = newUscc("440106");
        String b = newUscc("440106");
        ingest(entity(newUscc("440106"), "广州市脚本预热有限公司", 1), entity(newUscc("440106"), "广州市脚本预热二有限公司", 1));
        LocalInfraResource.restartRedis();

        IngestReport report = ingest(entity(a, "广州市重启后甲有限公司", 1), entity(b, "广州市重启后乙有限公司", 1));
        assertEquals(2, report.applied(), "the pipelined scripts are loaded again: " + report);
        awaitRebuild();
        given().get("/v1/entities/" + a).then().statusCode(200).body("name", equalTo("广州市重启后甲有限公司"));
        given().get("/v1/entities/" + b).then().statusCode(200).body("name", equalTo("广州市重启后乙有限公司"));
    }

    @Test
    void aPushRedisAnswersWithAnErrorIsA503ToRetryAndTheRetryLands() throws Exception {
        String uscc = newUscc("440106");
        ingest(entity(uscc, "广州市拒写测试有限公司", 1));
        String line = entity(uscc, "广州市拒写测试二有限公司", 2) + "\n";
        // Redis answers every write with an error (NOREPLICAS), as a cluster answers CLUSTERDOWN or TRYAGAIN:
        // not a refused connection, an answer.
        refuseWrites(true);
        try {
            given().header("Authorization", "Bearer " + LocalInfraResource.INGEST_TOKEN)
                    .contentType("application/x-ndjson").body(line.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    .post("/internal/ingest")
                    .then().statusCode(503).contentType("application/problem+json").header("Retry-After", "5")
                    .body("type", org.hamcrest.Matchers.endsWith("/unavailable"));
        } finally {
            refuseWrites(false);
        }
        // The index took the push; the platform's retry repairs the cache, and both stores show version 2.
        assertEquals(0, ingest(line.strip()).rejected());
        given().get("/v1/entities/" + uscc).then().statusCode(200).body("name", equalTo("广州市拒写测试二有限公司"));
        // What the scheduled check does next: the slot of the missed write loses its marker, and a rebuild completes it.
        recovery.check().await().atMost(java.time.Duration.ofSeconds(10));
        recovery.rebuildAndWait(java.time.Duration.ofMinutes(1));
        assertEquals("complete", cacheState());
        given().get("/v1/entities/" + uscc).then().statusCode(200).body("name", equalTo("广州市拒写测试二有限公司"));
    }

    private void refuseWrites(boolean refuse) {
        redis.send("any", io.vertx.mutiny.redis.client.Request.cmd(io.vertx.mutiny.redis.client.Command.CONFIG)
                .arg("SET").arg("min-replicas-to-write").arg(refuse ? 1 : 0)).await().atMost(java.time.Duration.ofSeconds(5));
    }

    @Test
    void operatorsRebuildTheCacheOnCommand() throws Exception {
        String uscc = newUscc("440106");
        ingest(entity(uscc, "广州市命令重建测试有限公司", 1));
        given().post("/internal/read-model/rebuild").then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", "Bearer " + LocalInfraResource.INGEST_TOKEN).post("/internal/read-model/rebuild")
                .then().statusCode(202).body("cache", equalTo("rebuilding"));
        given().get("/v1/entities/" + uscc).then().statusCode(200);
        awaitRebuild();
        given().header("Authorization", "Bearer " + LocalInfraResource.INGEST_TOKEN).get("/internal/read-model")
                .then().statusCode(200).body("cache", equalTo("complete"))
                .body("settledPosition", org.hamcrest.Matchers.greaterThan(0));
    }

    @Test
    void feedPositionsNeverGoBackwardsWhenTheCounterIsRestoredFromAnOlderBackup() throws Exception {
        String uscc = newUscc("440106");
        ingest(entity(uscc, "广州市位置回退测试有限公司", 1));
        String position = follow("entities", null, new HashSet<>(), 1000);

        pool.query("UPDATE feed_position SET last = 0").execute().await().atMost(java.time.Duration.ofSeconds(10));
        recovery.raisePositions().await().atMost(java.time.Duration.ofSeconds(10)); // what every instance does at start
        ingest(entity(uscc, "广州市位置回退测试二有限公司", 2));

        Set<String> seen = new HashSet<>();
        follow("entities", position, seen);
        assertEquals(Set.of(uscc), seen, "the change after the restore is after the mirror's position");
    }
}
