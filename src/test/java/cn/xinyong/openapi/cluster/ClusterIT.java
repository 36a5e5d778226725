package cn.xinyong.openapi.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.xinyong.openapi.platform.redis.RedisNodes;
import cn.xinyong.openapi.platform.redis.RedisSlots;
import cn.xinyong.openapi.support.Fixtures;
import cn.xinyong.openapi.support.Tokens;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two service processes (the packaged jar, production profile) over a real Redis Cluster of three masters and three
 * replicas, a two-node OpenSearch cluster and PostgreSQL, all started by {@code bin/infra cluster-up}: what the README's
 * "Running at scale" describes, tried as an operator would. Ends with a master killed under load; the figures go to
 * {@code target/cluster-it/figures.md}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final Path WORK = ROOT.resolve("target/cluster-it");
    private static final Path INFRA = WORK.resolve("infra");
    private static final String INGEST_TOKEN = "cluster-it-ingest-token";
    private static final String KEY_PREFIX = "xy:";
    private static final int SAMPLE = 2000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final String PARTNER = "Bearer " + Tokens.partner("cluster-bank", "premium",
            "screening eligibility eligibility:xinyidai");

    private static Map<String, String> env;
    private static final List<Process> services = new ArrayList<>();
    private static final List<String> bases = new ArrayList<>();
    private static final List<String> codes = new ArrayList<>();
    private static final Map<String, String> figures = new LinkedHashMap<>();
    private static Vertx vertx;
    private static RedisNodes redis;

    @BeforeAll
    static void startClusterAndTwoInstances() throws Exception {
        Files.createDirectories(WORK);
        run("bin/infra", "down", INFRA.toString());
        long t0 = System.nanoTime();
        run("bin/infra", "cluster-up", INFRA.toString());
        figures.put("infrastructure up (Redis Cluster 3+3, OpenSearch 2 nodes, PostgreSQL)", seconds(t0));
        env = new HashMap<>();
        for (String line : Files.readAllLines(INFRA.resolve("env"))) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                env.put(line.substring(0, eq), line.substring(eq + 1).replace("\"", ""));
            }
        }
        // One signing key for the deployment, as the Secret gives it to every pod.
        java.security.KeyPairGenerator ec = java.security.KeyPairGenerator.getInstance("EC");
        ec.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
        Files.writeString(WORK.resolve("signing-key.pem"), "-----BEGIN PRIVATE KEY-----\n"
                + java.util.Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(ec.generateKeyPair().getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        vertx = Vertx.vertx();
        redis = new RedisNodes(vertx, new RedisNodes.Settings("cluster-it", List.of(env.get("REDIS_URL").split(",")), true,
                4, 256, Duration.ofSeconds(1), Duration.ofSeconds(1)));
        // Both instances start together on the empty cluster: index creation and the sample load must not race.
        long t1 = System.nanoTime();
        for (int i = 0; i < 2; i++) {
            int port = freePort();
            bases.add("http://127.0.0.1:" + port);
            services.add(start(i, port));
        }
        for (String base : bases) {
            awaitReady(base, Duration.ofMinutes(4));
        }
        figures.put("both instances ready (sample of " + SAMPLE + " entities loaded once)", seconds(t1));
    }

    @AfterAll
    static void stopEverything() throws Exception {
        services.forEach(Process::destroy);
        for (Process p : services) {
            if (!p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        if (redis != null) {
            redis.close();
            vertx.closeAndAwait();
        }
        StringBuilder md = new StringBuilder("| step | figure |\n|---|---|\n");
        figures.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        Files.writeString(WORK.resolve("figures.md"), md.toString());
        System.out.println("Cluster test figures:\n" + md);
        if (!"true".equals(System.getenv("XINYONG_CLUSTER_IT_KEEP"))) {
            run("bin/infra", "down", INFRA.toString());
        }
    }

    @Test
    @Order(1)
    void ingestOnOneInstanceIsServedByTheOtherForSubjectsOnEveryMaster() throws Exception {
        StringBuilder ndjson = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            String code = Fixtures.newUscc("420106");
            codes.add(code);
            ndjson.append(Fixtures.entity(code, "武汉市集群" + i + "号商贸有限公司", 1)).append('\n');
        }
        HttpResponse<String> pushed = ingest(bases.get(0), ndjson.toString());
        assertEquals(200, pushed.statusCode(), pushed.body());
        assertEquals(300, JSON.readTree(pushed.body()).path("applied").asInt(), pushed.body());
        Map<String, List<String>> byMaster = byMaster(codes);
        assertEquals(3, byMaster.size(), "the subjects live on all three masters");
        for (String code : codes) {
            HttpResponse<String> r = get(bases.get(1), "/v1/entities/" + code, Map.of());
            assertEquals(200, r.statusCode(), code + ": " + r.body());
        }
        // The sample was loaded once, by one of the two instances that started together.
        long loads = 0;
        for (int i = 0; i < 2; i++) {
            loads += Files.readAllLines(WORK.resolve("instance-" + i + ".log")).stream()
                    .filter(l -> l.contains("loading the synthetic sample")).count();
        }
        assertEquals(1, loads, "the sample is loaded by one instance only");
    }

    @Test
    @Order(2)
    void screeningAndEligibilityBatchesSpanEveryMaster() throws Exception {
        List<String> batch = sampleCodes(1000);
        assertEquals(1000, batch.size(), "the sample is there");
        List<Map<String, String>> subjects = batch.stream().map(c -> Map.of("uscc", c)).toList();
        long t = System.nanoTime();
        HttpResponse<String> screened = post(bases.get(1), "/v1/screening", Map.of("subjects", subjects));
        figures.put("screening of 1,000 subjects across 3 masters", millis(t));
        assertEquals(200, screened.statusCode(), screened.body());
        assertEquals(1000, JSON.readTree(screened.body()).path("results").size());
        // Two subjects on two different masters, in one request.
        Map<String, List<String>> byMaster = byMaster(codes);
        List<String> two = byMaster.values().stream().limit(2).map(l -> l.get(0)).toList();
        HttpResponse<String> pair = post(bases.get(0), "/v1/screening",
                Map.of("subjects", two.stream().map(c -> Map.of("uscc", c)).toList()));
        assertEquals(200, pair.statusCode(), pair.body());
        t = System.nanoTime();
        HttpResponse<String> decided = post(bases.get(0), "/v1/xinyi/xinyidai/eligibility", Map.of("subjects", batch));
        figures.put("信易贷 eligibility batch of 1,000 subjects", millis(t));
        // Both instances sign with the deployment's key: one JWKS for a bank to verify against.
        assertEquals(get(bases.get(0), "/v1/xinyi/jwks", Map.of()).body(), get(bases.get(1), "/v1/xinyi/jwks", Map.of()).body());
        assertEquals(200, decided.statusCode(), decided.body());
        JsonNode results = JSON.readTree(decided.body()).path("results");
        assertEquals(1000, results.size());
        long decidedCount = IntStream.range(0, results.size())
                .filter(i -> "decided".equals(results.get(i).path("status").asText())).count();
        assertTrue(decidedCount > 900, "decided " + decidedCount + " of 1,000");
    }

    @Test
    @Order(3)
    void theChangeFeedOfOneInstanceHoldsWhatTheOtherIngested() throws Exception {
        String since = null;
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int guard = 0; guard < 200; guard++) {
            Map<String, String> q = new HashMap<>(Map.of("limit", "1000"));
            if (since != null) {
                q.put("since", since);
            }
            HttpResponse<String> r = get(bases.get(1), "/v1/feeds/entities", q);
            assertEquals(200, r.statusCode(), r.body());
            JsonNode page = JSON.readTree(r.body());
            page.path("items").forEach(item -> seen.add(item.path("id").asText()));
            since = page.path("position").asText();
            if (!page.path("more").asBoolean()) {
                break;
            }
        }
        List<String> missing = codes.stream().filter(c -> !seen.contains(c)).toList();
        assertEquals(List.of(), missing, "every ingested entity is in the other instance's feed");
    }

    @Test
    @Order(4)
    void anonymousCallersShareOneBucketAcrossInstances() throws Exception {
        // Anonymous lookups: 30 at once, 10/s after. Each instance alone would let 30 through.
        String address = "203.0.113." + ThreadLocalRandom.current().nextInt(1, 250);
        int allowed = 0;
        long t = System.nanoTime();
        for (int i = 0; i < 60; i++) {
            int status = getAnonymous(bases.get(i % 2), "/v1/entities/" + codes.get(i), address).statusCode();
            allowed += status == 429 ? 0 : 1;
        }
        double elapsed = (System.nanoTime() - t) / 1e9;
        figures.put("anonymous lookups allowed of 60 across both instances (burst 30, 10/s)", allowed + " in "
                + String.format("%.1f s", elapsed));
        assertTrue(allowed >= 30, "the burst is there: " + allowed);
        assertTrue(allowed <= 30 + Math.ceil(10 * elapsed) + 1, "one bucket, not one per instance: " + allowed);
    }

    @Test
    @Order(5)
    void scriptsSurviveAFlushedScriptCache() throws Exception {
        for (String master : redis.masters().await().atMost(Duration.ofSeconds(5))) {
            redis.sendTo(master, Request.cmd(Command.SCRIPT).arg("FLUSH")).await().atMost(Duration.ofSeconds(5));
        }
        int ok = 0;
        for (int i = 0; i < 20; i++) {
            String code = codes.get(i);
            HttpResponse<String> r = ingest(bases.get(i % 2), Fixtures.entity(code, "武汉市集群" + i + "号商贸有限公司", 2) + "\n");
            ok += r.statusCode() == 200 ? 1 : 0;
        }
        figures.put("one-line pushes after SCRIPT FLUSH on every master", ok + " of 20 answered 200");
        assertEquals(20, ok);
        // The rate limiter's script too: still decided in Redis, so still shared.
        assertEquals(200, get(bases.get(0), "/v1/entities/" + codes.get(0), Map.of()).statusCode());
    }

    @Test
    @Order(6)
    void aSchemeChangedOnOneInstanceReachesTheOtherWithinSeconds() throws Exception {
        String uscc = Fixtures.newUscc("420111");
        assertEquals(200, ingest(bases.get(0), Fixtures.entity(uscc, "武汉市集群配置示范有限公司", 1)
                .replace("\"grade\":\"A\"", "\"grade\":\"B\"") + "\n").statusCode());
        assertTrue(eligible(bases.get(1), uscc), "grade B is enough for 信易贷 as shipped");
        String original;
        try (var in = ClusterIT.class.getClassLoader().getResourceAsStream("xinyi/schemes.json")) {
            original = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String stricter = original.replace("{\"type\": \"minGrade\", \"grade\": \"B\"}",
                "{\"type\": \"minGrade\", \"grade\": \"A\"}");
        try {
            long t = System.nanoTime();
            assertEquals(200, putSchemes(bases.get(0), stricter).statusCode());
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            boolean stillEligible = true;
            while (stillEligible && System.nanoTime() < deadline) {
                stillEligible = eligible(bases.get(1), uscc);
                if (stillEligible) {
                    pollPause();
                }
            }
            figures.put("a 信易+ scheme changed on instance 1 → in force on instance 2", seconds(t));
            assertTrue(!stillEligible, "the other instance applies the change within 20 s");
        } finally {
            assertEquals(200, putSchemes(bases.get(0), original).statusCode());
        }
    }

    @Test
    @Order(7)
    void aStalledSearchNodeTakesNoInstanceOutOfTheServiceAndNoHealthCheckHangs() throws Exception {
        String pid = Files.readString(INFRA.resolve("opensearch-2/opensearch.pid")).trim();
        run("kill", "-STOP", pid);
        try {
            long worst = 0;
            for (int round = 0; round < 5; round++) {
                for (String base : bases) {
                    long t = System.nanoTime();
                    HttpResponse<String> ready = get(base, "/q/health/ready", Map.of());
                    worst = Math.max(worst, (System.nanoTime() - t) / 1_000_000);
                    assertEquals(200, ready.statusCode(), ready.body());
                    // Lookups come from Redis and do not need the stalled node.
                    assertEquals(200, get(base, "/v1/entities/" + codes.get(round), Map.of()).statusCode());
                }
            }
            figures.put("readiness with one OpenSearch node stalled (SIGSTOP): slowest answer", worst + " ms, all 200");
            assertTrue(worst < 5_000, "no health check hangs: " + worst + " ms");
            HttpResponse<String> group = get(bases.get(0), "/q/health/group/backends", Map.of());
            figures.put("/q/health/group/backends meanwhile", group.statusCode() + " " + JSON.readTree(group.body())
                    .path("checks").path(0).path("data").path("opensearch").asText());
        } finally {
            run("kill", "-CONT", pid);
        }
    }

    @Test
    @Order(8)
    void aMasterFailsOverWhileLookupsOnHealthySlotsGoOnUntouched() throws Exception {
        Map<String, List<String>> byMaster = byMaster(codes);
        String victim = byMaster.keySet().iterator().next();
        List<String> onVictim = byMaster.get(victim);
        List<String> healthy = byMaster.entrySet().stream().filter(e -> !e.getKey().equals(victim))
                .flatMap(e -> e.getValue().stream()).toList();
        int victimSlot = RedisSlots.of(KEY_PREFIX + "s:" + onVictim.get(0));

        record Outcome(long atNanos, boolean healthySlot, int status) {
        }
        ConcurrentLinkedQueue<Outcome> lookups = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Integer> pushes = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Integer> readiness = new ConcurrentLinkedQueue<>();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger version = new AtomicInteger(10);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        for (int w = 0; w < 4; w++) {
            int worker = w;
            pool.submit(() -> {
                int n = 0;
                while (!stop.get()) {
                    boolean healthySlot = n++ % 2 == 0;
                    List<String> from = healthySlot ? healthy : onVictim;
                    String code = from.get(ThreadLocalRandom.current().nextInt(from.size()));
                    int status;
                    try {
                        status = get(bases.get((worker + n) % 2), "/v1/entities/" + code, Map.of()).statusCode();
                    } catch (Exception e) {
                        status = -1;
                    }
                    lookups.add(new Outcome(System.nanoTime(), healthySlot, status));
                }
                return null;
            });
        }
        // The platform's pushes go on meanwhile: each a new version of one entity, its name naming the version.
        Map<String, Integer> pushedVersion = new java.util.concurrent.ConcurrentHashMap<>();
        ConcurrentLinkedQueue<String> toRetry = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> pushErrors = new ConcurrentLinkedQueue<>();
        pool.submit(() -> {
            int n = 0;
            while (!stop.get()) {
                String code = codes.get(n++ % codes.size());
                int v = version.incrementAndGet();
                String line = Fixtures.entity(code, "武汉市集群推送" + v + "号商贸有限公司", v) + "\n";
                pushedVersion.merge(code, v, Math::max);
                int status;
                try {
                    HttpResponse<String> answer = ingest(bases.get(n % 2), line);
                    status = answer.statusCode();
                    if (status != 200 && status != 503) {
                        pushErrors.add(status + " " + answer.body());
                    }
                } catch (Exception e) {
                    status = -1;
                    pushErrors.add(e.toString());
                }
                pushes.add(status);
                if (status != 200) {
                    toRetry.add(line);
                }
            }
            return null;
        });
        pool.submit(() -> {
            while (!stop.get()) {
                for (String base : bases) {
                    try {
                        readiness.add(get(base, "/q/health/ready", Map.of()).statusCode());
                    } catch (Exception e) {
                        readiness.add(-1);
                    }
                }
            }
            return null;
        });
        awaitCount(lookups, 200);
        String marker = KEY_PREFIX + "meta:complete{" + RedisSlots.tag(victimSlot) + "}";
        String markedBefore = String.valueOf(redis.send(marker, Request.cmd(Command.GET).arg(marker))
                .await().atMost(Duration.ofSeconds(5)));
        assertTrue(markedBefore.startsWith("complete:"), "the victim's slots were complete: " + markedBefore);
        long killedAt = System.nanoTime();
        run("bin/infra", "kill-redis", victim.substring(victim.lastIndexOf(':') + 1), INFRA.toString());
        // The cluster promotes the victim's replica: wait until a healthy master says another node owns its slots.
        String survivor = byMaster.keySet().stream().filter(m -> !m.equals(victim)).findFirst().orElseThrow();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String newOwner = victim;
        while (newOwner.equals(victim) && System.nanoTime() < deadline) {
            newOwner = ownerOf(survivor, victimSlot);
            pollPause();
        }
        long promotedAt = System.nanoTime();
        assertTrue(!newOwner.equals(victim), "the replica was promoted within 60 s");
        // Go on until both instances serve the victim's slots from Redis again (their fallback counters stand still).
        long settleDeadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        double before = fallbacks();
        long steadySince = System.nanoTime();
        while (System.nanoTime() < settleDeadline && System.nanoTime() - steadySince < Duration.ofSeconds(3).toNanos()) {
            pollPause();
            double now = fallbacks();
            if (now != before) {
                before = now;
                steadySince = System.nanoTime();
            }
        }
        long settledAt = System.nanoTime();
        // The promoted replica may lack the last writes (replication is asynchronous): its slots' markers were
        // dropped when the instances saw the new master, and a rebuild from the index completed them again.
        long rebuiltDeadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String markedAfter = markedBefore;
        while ((markedAfter.equals(markedBefore) || !markedAfter.startsWith("complete:"))
                && System.nanoTime() < rebuiltDeadline) {
            pollPause();
            try {
                markedAfter = String.valueOf(redis.send(marker, Request.cmd(Command.GET).arg(marker))
                        .await().atMost(Duration.ofSeconds(2)));
            } catch (RuntimeException e) {
                markedAfter = "unreachable";
            }
        }
        long rebuiltAt = System.nanoTime();
        stop.set(true);
        pool.shutdown();
        assertTrue(pool.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS));

        List<Outcome> during = lookups.stream().filter(o -> o.atNanos() >= killedAt).toList();
        long healthyFailed = during.stream().filter(o -> o.healthySlot() && o.status() != 200).count();
        long victimFailed = during.stream().filter(o -> !o.healthySlot() && o.status() != 200).count();
        long healthyTotal = during.stream().filter(Outcome::healthySlot).count();
        long victimTotal = during.size() - healthyTotal;
        long pushFailed = pushes.stream().filter(s -> s != 200).count();
        long pushNot503 = pushes.stream().filter(s -> s != 200 && s != 503).count();
        long notReady = readiness.stream().filter(s -> s != 200).count();
        figures.put("master killed → replica promoted (cluster-node-timeout 3 s)", seconds(killedAt, promotedAt));
        figures.put("master killed → both instances read its slots from Redis again", seconds(killedAt, settledAt));
        figures.put("master killed → the promoted slots' cache rebuilt from the index and marked complete again",
                seconds(killedAt, rebuiltAt));
        figures.put("lookups on the healthy masters' slots that failed", healthyFailed + " of " + healthyTotal);
        figures.put("lookups on the failed master's slots that failed (answered from the index meanwhile)",
                victimFailed + " of " + victimTotal);
        figures.put("one-line pushes answered 503 + Retry-After during the failover (the index took them; the "
                + "platform's retry lands)", pushFailed + " of " + pushes.size());
        figures.put("readiness answers that were not 200", notReady + " of " + readiness.size());
        assertTrue(markedAfter.startsWith("complete:") && !markedAfter.equals(markedBefore),
                "the failed-over slots were rebuilt and marked again: " + markedBefore + " → " + markedAfter);
        assertEquals(0, healthyFailed, "lookups for slots on healthy masters are untouched");
        assertEquals(0, victimFailed, "lookups for the failed master's slots are answered from the index meanwhile");
        assertEquals(0, notReady, "a failing Redis master takes no instance out of the Service");
        assertEquals(0, pushNot503, () -> "a push the cache could not take is a 503 to retry, never a 500: "
                + pushErrors + "; the instances logged: " + failuresLogged());
        // The platform retries what was refused; then every entity shows the last version pushed, on both instances.
        for (String line : toRetry) {
            assertEquals(200, ingest(bases.get(0), line).statusCode(), "a retried push lands after the failover");
        }
        for (var pushed : pushedVersion.entrySet()) {
            for (String base : bases) {
                String body = get(base, "/v1/entities/" + pushed.getKey(), Map.of()).body();
                assertTrue(body.contains("武汉市集群推送" + pushed.getValue() + "号商贸有限公司"),
                        pushed.getKey() + " shows version " + pushed.getValue() + " on " + base + ": " + body);
            }
        }
        // And every subject reads the same from both instances.
        for (String code : codes.subList(0, 50)) {
            assertEquals(get(bases.get(0), "/v1/entities/" + code, Map.of()).body().replaceAll("\"generatedAt\":\"[^\"]*\"", ""),
                    get(bases.get(1), "/v1/entities/" + code, Map.of()).body().replaceAll("\"generatedAt\":\"[^\"]*\"", ""));
        }
    }

    // ---- helpers ----

    /** The instances' log lines about failed requests, for a failure message (CI shows the output, not the logs). */
    private static List<String> failuresLogged() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            try {
                Files.readAllLines(WORK.resolve("instance-" + i + ".log")).stream()
                        .filter(l -> l.contains("unexpected failure") || l.contains("failed with") || l.contains(" ERROR "))
                        .limit(5).forEach(l -> lines.add(l.length() > 400 ? l.substring(0, 400) : l));
            } catch (java.io.IOException e) {
                lines.add("instance-" + i + ".log unreadable: " + e.getMessage());
            }
        }
        return lines;
    }

    private static Process start(int i, int port) throws IOException {
        Map<String, String> e = new HashMap<>();
        e.put("XINYONG_REDIS_URL", env.get("REDIS_URL"));
        e.put("XINYONG_REDIS_CLUSTER", "true");
        e.put("XINYONG_OPENSEARCH_URL", env.get("OPENSEARCH_URL"));
        e.put("XINYONG_PG_HOSTPORT", env.get("PG_HOSTPORT"));
        e.put("XINYONG_INGEST_TOKEN", INGEST_TOKEN);
        e.put("XINYONG_PERSONS_HASH_KEY", "cluster-it-person-key");
        e.put("XINYONG_PAGING_CURSOR_SECRET", "cluster-it-cursor-key");
        e.put("XINYONG_JWT_KEYS", ROOT.resolve("src/test/resources/keys/test-public.pem").toString());
        e.put("XINYONG_JWT_ISSUER", "https://auth.test");
        e.put("XINYONG_TRUSTED_PROXIES", "127.0.0.1");
        e.put("XINYONG_XINYI_SIGNING_KEY", WORK.resolve("signing-key.pem").toString());
        ProcessBuilder pb = new ProcessBuilder(javaBinary(), "-Xmx768m", "-Dquarkus.http.port=" + port,
                "-Dquarkus.log.console.json.enabled=false", "-Dxinyong.ingest.sample.entities=" + SAMPLE,
                "-Dxinyong.redis.topology-refresh=1s", "-jar", "target/quarkus-app/quarkus-run.jar")
                .directory(ROOT.toFile()).redirectErrorStream(true)
                .redirectOutput(WORK.resolve("instance-" + i + ".log").toFile());
        pb.environment().putAll(e);
        return pb.start();
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void awaitReady(String base, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            for (Process p : services) {
                if (!p.isAlive()) {
                    throw new IllegalStateException("an instance exited; see " + WORK);
                }
            }
            try {
                if (get(base, "/q/health/ready", Map.of()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            pollPause();
        }
        throw new IllegalStateException(base + " not ready within " + within);
    }

    /** The interval of a loop that waits for a condition (never a wait for time to pass by itself). */
    private static void pollPause() {
        java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
    }

    private static void awaitCount(java.util.Collection<?> c, int n) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (c.size() < n && System.nanoTime() < deadline) {
            pollPause();
        }
    }

    private static double fallbacks() throws Exception {
        double sum = 0;
        for (String base : bases) {
            for (String line : get(base, "/q/metrics", Map.of()).body().split("\n")) {
                if (line.startsWith("xinyong_readmodel_redis_fallbacks_total")) {
                    sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
        }
        return sum;
    }

    /** The master of each code's slot, as the cluster says now. */
    private static Map<String, List<String>> byMaster(List<String> subjectCodes) {
        String any = redis.masters().await().atMost(Duration.ofSeconds(5)).get(0);
        Response slots = redis.sendTo(any, Request.cmd(Command.CLUSTER).arg("SLOTS")).await().atMost(Duration.ofSeconds(5));
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String code : subjectCodes) {
            int slot = RedisSlots.of(KEY_PREFIX + "s:" + code);
            out.computeIfAbsent(owner(slots, slot, any), k -> new ArrayList<>()).add(code);
        }
        return out;
    }

    private static String ownerOf(String asked, int slot) {
        try {
            Response slots = redis.sendTo(asked, Request.cmd(Command.CLUSTER).arg("SLOTS"))
                    .await().atMost(Duration.ofSeconds(2));
            return owner(slots, slot, asked);
        } catch (RuntimeException e) {
            return "unknown";
        }
    }

    private static String owner(Response slots, int slot, String asked) {
        for (Response range : slots) {
            if (range.get(0).toInteger() <= slot && slot <= range.get(1).toInteger()) {
                String host = range.get(2).get(0).toString();
                return (host.isEmpty() ? asked.substring(0, asked.lastIndexOf(':')) : host) + ":"
                        + range.get(2).get(1).toInteger();
            }
        }
        return "uncovered";
    }

    /** Codes of the loaded sample and of this test's entities, up to {@code n}. */
    private static List<String> sampleCodes(int n) throws Exception {
        List<String> out = new ArrayList<>(codes);
        String since = null;
        while (out.size() < n) {
            Map<String, String> q = new HashMap<>(Map.of("limit", "1000"));
            if (since != null) {
                q.put("since", since);
            }
            JsonNode page = JSON.readTree(get(bases.get(0), "/v1/feeds/entities", q).body());
            for (JsonNode item : page.path("items")) {
                if (out.size() < n && "upsert".equals(item.path("op").asText()) && !out.contains(item.path("id").asText())) {
                    out.add(item.path("id").asText());
                }
            }
            since = page.path("position").asText();
            if (!page.path("more").asBoolean()) {
                break;
            }
        }
        return out.subList(0, Math.min(n, out.size()));
    }

    private static HttpResponse<String> ingest(String base, String ndjson) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + "/internal/ingest?refresh=true"))
                .header("Authorization", "Bearer " + INGEST_TOKEN).header("Content-Type", "application/x-ndjson")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(ndjson, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static boolean eligible(String base, String uscc) throws Exception {
        HttpResponse<String> r = post(base, "/v1/xinyi/xinyidai/eligibility", Map.of("subjects", List.of(uscc)));
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body()).path("results").path(0).path("decision").path("eligible").asBoolean();
    }

    private static HttpResponse<String> putSchemes(String base, String document) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + "/internal/xinyi/schemes"))
                .header("Authorization", "Bearer " + INGEST_TOKEN).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30)).PUT(HttpRequest.BodyPublishers.ofString(document, StandardCharsets.UTF_8))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String base, String path, Object body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", PARTNER)
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A GET as the partner (premium plan), with query parameters. */
    private static HttpResponse<String> get(String base, String path, Map<String, String> query) throws Exception {
        String q = query.isEmpty() ? "" : "?" + query.entrySet().stream()
                .map(e -> e.getKey() + "=" + java.net.URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path + q)).header("Authorization", PARTNER)
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** An anonymous GET from a caller behind the (trusted) local proxy. */
    private static HttpResponse<String> getAnonymous(String base, String path, String caller) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).header("X-Forwarded-For", caller)
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(WORK.resolve("infra.log").toFile())).start();
        if (!p.waitFor(10, java.util.concurrent.TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed; see " + WORK.resolve("infra.log"));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String seconds(long from) {
        return seconds(from, System.nanoTime());
    }

    private static String seconds(long from, long to) {
        return String.format("%.1f s", (to - from) / 1e9);
    }

    private static String millis(long from) {
        return String.format("%d ms", (System.nanoTime() - from) / 1_000_000);
    }
}
