package cn.xinyong.openapi.readmodel;

import static cn.xinyong.openapi.support.Fixtures.entity;
import static cn.xinyong.openapi.support.Fixtures.ingest;
import static cn.xinyong.openapi.support.Fixtures.newUscc;
import static cn.xinyong.openapi.support.Fixtures.penalty;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.xinyong.openapi.platform.ShiftedTimeSource;
import cn.xinyong.openapi.platform.TimeSource;
import cn.xinyong.openapi.platform.jobs.ExclusiveJobs;
import cn.xinyong.openapi.platform.search.SearchConfig;
import cn.xinyong.openapi.platform.search.SearchGateway;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Jobs every instance schedules but one runs, over the real servers: publication expiry under its lease, and the
 * search indices created once by instances starting together on an empty cluster.
 */
@QuarkusTest
class OncePerDeploymentTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    PublicationExpiry expiry;
    @Inject
    Pool pool;
    @Inject
    SearchGateway gateway;
    @Inject
    SearchConfig searchConfig;
    @Inject
    ObjectMapper mapper;
    @Inject
    TimeSource time;

    @Test
    void publicationExpirySkipsWhileAnotherInstanceHoldsItsLeaseAndRunsOnceItIsFree() {
        String uscc = newUscc("320102");
        LocalDate today = LocalDate.now(time.zone());
        ingest(entity(uscc, "南京市租约测试有限公司", 1),
                penalty("P-" + uscc, uscc, 1, "general", today.minusMonths(6).toString(), today.toString()));
        // A day later the penalty's publication has ended; the other instance's clock says so too.
        TimeSource tomorrow = new ShiftedTimeSource(Duration.ofDays(1));
        QuarkusMock.installMockForType(tomorrow, TimeSource.class);
        ExclusiveJobs otherInstance = ExclusiveJobs.contender(pool, tomorrow, "other-instance");
        assertTrue(otherInstance.acquire(PublicationExpiry.JOB, Duration.ofMinutes(10)).await().atMost(WAIT));
        try {
            ExclusiveJobs.Outcome<Integer> skipped = expiry.runExclusively().await().atMost(WAIT);
            assertFalse(skipped.ran(), "the other instance holds the lease");
            assertTrue(skipped.heldBy().startsWith(otherInstance.holder()), skipped.heldBy());
            assertEquals(1, newlyExpired(uscc, tomorrow), "the skipped run marked nothing");
        } finally {
            otherInstance.release(PublicationExpiry.JOB).await().atMost(WAIT);
        }
        ExclusiveJobs.Outcome<Integer> ran = expiry.runExclusively().await().atMost(WAIT);
        assertTrue(ran.ran(), "the lease is free: this instance runs it");
        assertTrue(ran.result() >= 1, "marked " + ran.result());
        assertEquals(0, newlyExpired(uscc, tomorrow), "the penalty is marked");
        assertEquals(0, expiry.runExclusively().await().atMost(WAIT).result(), "and only once");
    }

    @Test
    void publicationExpiryMarksEveryBatchOfAManyBatchDay() {
        // 1,001 penalties whose publication ends today: three batches of at most 500 tomorrow.
        String uscc = newUscc("320102");
        LocalDate today = LocalDate.now(time.zone());
        java.util.List<String> lines = new java.util.ArrayList<>();
        lines.add(entity(uscc, "南京市批次测试有限公司", 1));
        for (int i = 0; i < 1001; i++) {
            lines.add(penalty("P-" + uscc + "-" + i, uscc, 1, "general", today.minusMonths(6).toString(), today.toString()));
        }
        ingest(lines.toArray(String[]::new));
        TimeSource tomorrow = new ShiftedTimeSource(Duration.ofDays(1));
        QuarkusMock.installMockForType(tomorrow, TimeSource.class);
        assertEquals(1001, newlyExpired(uscc, tomorrow), "all due tomorrow");
        int marked = expiry.run().await().atMost(Duration.ofMinutes(2));
        assertTrue(marked >= 1001, "marked " + marked);
        assertEquals(0, newlyExpired(uscc, tomorrow), "every batch was marked, the last short one too");
    }

    /** Penalties of this test's subject past their publication end and not yet marked. */
    private long newlyExpired(String uscc, TimeSource clock) {
        var body = mapper.createObjectNode();
        var filter = body.putObject("query").putObject("bool").putArray("filter");
        filter.add(PublicationRules.newlyExpiredPenalties(clock.today()));
        filter.addObject().putObject("term").put("subjectId", uscc);
        return gateway.send("POST", "/" + searchConfig.indexPrefix() + Dataset.PENALTY.indexName() + "/_count", body)
                .await().atMost(WAIT).path("count").asLong();
    }

    @Test
    void twoInstancesStartingTogetherOnAnEmptyClusterCreateEachIndexOnce() {
        String prefix = "t" + UUID.randomUUID().toString().substring(0, 8) + "-";
        try {
            IndexManager first = manager(prefix, "first");
            IndexManager second = manager(prefix, "second");
            Uni.join().all(first.ensureAll(), second.ensureAll()).andFailFast().await().atMost(WAIT.multipliedBy(2));
            assertTrue(first.ready() && second.ready(), "both instances are ready");
            assertEquals(expectedIndices(prefix), indicesBehindAliases(prefix), "one index behind each alias, no orphan");
        } finally {
            gateway.send("DELETE", "/" + prefix + "*", null).await().atMost(WAIT);
        }
    }

    @Test
    void anIndexAnotherInstanceCreatedButDidNotAliasIsTakenOverNotDuplicated() {
        String prefix = "t" + UUID.randomUUID().toString().substring(0, 8) + "-";
        try {
            // The other instance created the entity index and stopped before adding its alias.
            gateway.send("PUT", "/" + prefix + Dataset.ENTITY.indexName() + "-" + IndexManager.INITIAL, null)
                    .await().atMost(WAIT);
            IndexManager manager = manager(prefix, "next");
            manager.ensureAll().await().atMost(WAIT);
            assertTrue(manager.ready());
            assertEquals(expectedIndices(prefix), indicesBehindAliases(prefix));
        } finally {
            gateway.send("DELETE", "/" + prefix + "*", null).await().atMost(WAIT);
        }
    }

    /** An index manager as another instance with its own index prefix would have. */
    private IndexManager manager(String prefix, String instance) {
        SearchConfig config = new SearchConfig() {
            public List<String> hosts() {
                return searchConfig.hosts();
            }

            public String indexPrefix() {
                return prefix;
            }

            public int replicas() {
                return searchConfig.replicas();
            }

            public Duration connectTimeout() {
                return searchConfig.connectTimeout();
            }

            public Duration responseTimeout() {
                return searchConfig.responseTimeout();
            }

            public Duration queryTimeout() {
                return searchConfig.queryTimeout();
            }

            public int maxConnections() {
                return searchConfig.maxConnections();
            }

            public boolean compression() {
                return searchConfig.compression();
            }
        };
        return new IndexManager(gateway, config, mapper, time, ExclusiveJobs.contender(pool, time, instance));
    }

    private static Map<String, List<String>> expectedIndices(String prefix) {
        Map<String, List<String>> expected = new TreeMap<>();
        for (Dataset d : Dataset.indexed()) {
            expected.put(prefix + d.indexName() + "-" + IndexManager.INITIAL, List.of(prefix + d.indexName()));
        }
        return expected;
    }

    /** Every index of the prefix with the aliases it carries. */
    private Map<String, List<String>> indicesBehindAliases(String prefix) {
        JsonNode answer = gateway.send("GET", "/" + prefix + "*/_alias", null).await().atMost(WAIT);
        Map<String, List<String>> found = new TreeMap<>();
        answer.fields().forEachRemaining(e -> {
            List<String> aliases = new ArrayList<>();
            e.getValue().path("aliases").fieldNames().forEachRemaining(aliases::add);
            found.put(e.getKey(), aliases);
        });
        return found;
    }
}
