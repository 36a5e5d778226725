package cn.xinyong.openapi.platform;

import static cn.xinyong.openapi.support.Fixtures.residentId;
import static cn.xinyong.openapi.support.Fixtures.entity;
import static cn.xinyong.openapi.support.Fixtures.ingest;
import static cn.xinyong.openapi.support.Fixtures.newUscc;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.xinyong.openapi.support.LogCapture;
import cn.xinyong.openapi.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every answer of the HTTP layer as the contract says: problem+json errors, caching headers, privacy. */
@QuarkusTest
class HttpContractTest {

    private static final String DEPARTMENT = Tokens.bearer(Tokens.partner("dept-http", "unlimited", "measures:check"));


    @Test
    void aMistypedBodyIsAProblemNamingTheField() {
        given().header("Authorization", DEPARTMENT).contentType("application/json")
                .body("{\"matter\":\"bidding\",\"subjects\":\"abc\"}").post("/v1/measures/check")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("/problems/invalid-request")).body("errors[0].field", equalTo("subjects"))
                .body("errors[0].message", containsString("array"));
        String resident = Tokens.bearer(Tokens.subject("app-user-http", residentId()));
        given().header("Authorization", resident).contentType("application/json")
                .body(Map.of("partnerId", "bank-1", "purpose", "xinyidai", "recordKinds", List.of("penalty"),
                        "expiresAt", "2027-01-01"))
                .post("/v1/me/consents").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("expiresAt")).body("errors[0].message", containsString("date-time"));
        given().header("Authorization", resident).contentType("application/json")
                .body(Map.of("partnerId", "bank-1", "purpose", "xinyidai", "recordKinds", "penalty",
                        "expiresAt", "2027-01-01T00:00:00Z"))
                .post("/v1/me/consents").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("recordKinds"));
    }

    @Test
    void aBodyBreakingTheRequestRecordsConstraintsIsOneProblemNamingEveryField() {
        given().header("Authorization", Tokens.bearer(Tokens.partner("screening-bv", "unlimited", "screening")))
                .contentType("application/json")
                .body("{\"subjects\":[],\"lists\":[null],\"minScore\":1.5,\"maxMatches\":11}").post("/v1/screening")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("/problems/invalid-request"))
                .body("errors.field", contains("lists[0]", "maxMatches", "minScore", "subjects"))
                .body("errors.find { it.field == 'subjects' }.message", containsString("between 1 and 1000"));
        given().header("Authorization", DEPARTMENT).contentType("application/json")
                .body("{\"token\":\"x\",\"outcome\":\"notApplied\",\"approvalReference\":\"a\\nb\"}")
                .post("/v1/measures/decisions/" + java.util.UUID.randomUUID() + "/feedback")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", contains("approvalReference", "reason"));
        given().header("Authorization", DEPARTMENT).contentType("application/json")
                .post("/v1/measures/check").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", contains("body"));
    }

    @Test
    void oversizeRequestsAndWrongMethodsAreProblemsWithTheirHeaders() {
        String uscc = newUscc("110101");
        given().delete("/v1/entities/" + uscc).then().statusCode(405).contentType("application/problem+json")
                .header("Allow", containsString("GET")).header("Allow", not(containsString("DELETE")));
        given().get("/v1/entities?q=" + "a".repeat(9000)).then().statusCode(414).contentType("application/problem+json")
                .body("type", equalTo("/problems/uri-too-long"));
        given().header("X-Padding", "b".repeat(40_000)).get("/v1/lists").then().statusCode(431)
                .contentType("application/problem+json").body("type", equalTo("/problems/headers-too-large"));
        given().header("Authorization", DEPARTMENT).contentType("application/json").body(new byte[5 * 1024 * 1024])
                .post("/v1/measures/check").then().statusCode(413).contentType("application/problem+json")
                .body("type", equalTo("/problems/payload-too-large"));
        given().get("/v1/measures/check/" + uscc + "?matter=bidding").then().statusCode(401)
                .header("WWW-Authenticate", startsWith("Bearer")).contentType("application/problem+json");
        given().accept("application/xml").get("/problems").then().statusCode(406)
                .contentType("application/problem+json");
        // An internal call without the ingest token is 401 before its body is looked at.
        given().contentType("application/json").body("{\"status\":\"nonsense\"}")
                .post("/internal/applications/YY-20000101-000001/status").then().statusCode(401)
                .header("WWW-Authenticate", startsWith("Bearer")).contentType("application/problem+json");
    }

    @Test
    void publicAnswersAreCacheableByProxiesAndPersonalOnesAreNot() {
        String uscc = newUscc("110101");
        ingest(entity(uscc, "北京市缓存测试有限公司", 1));
        var first = given().header("Accept-Encoding", "gzip").get("/v1/entities/" + uscc).then().statusCode(200)
                .header("Vary", containsString("Accept-Encoding")).header("ETag", startsWith("W/\"")).extract();
        String etag = first.header("ETag");
        given().header("If-None-Match", etag).get("/v1/entities/" + uscc).then().statusCode(304);
        given().header("If-None-Match", etag.substring(2)).get("/v1/entities/" + uscc).then().statusCode(304);
        given().header("If-None-Match", "\"other\", " + etag).get("/v1/entities/" + uscc).then().statusCode(304);
        given().header("If-None-Match", "W/\"other\"").get("/v1/entities/" + uscc).then().statusCode(200);

        String resident = Tokens.bearer(Tokens.subject("app-user-cache", residentId()));
        given().header("Authorization", resident).get("/v1/me/consents").then().statusCode(200)
                .header("Cache-Control", "no-store");
        given().header("Authorization", resident).get("/v1/me/accesses").then().statusCode(200)
                .header("Cache-Control", "no-store");

        given().header("Origin", "https://h5.example.cn").get("/v1/lists").then().statusCode(200)
                .header("Access-Control-Allow-Origin", notNullValue());
    }

    @Test
    void noPersonalIdReachesLogsMetricsOrRequestIdsAndPathsCannotForgeLogLines() {
        String id = residentId();
        try (LogCapture logs = LogCapture.start()) {
            String echoed = given().header("X-Request-Id", "req-" + id).get("/v1/lists").then().statusCode(200)
                    .extract().header("X-Request-Id");
            assertNotEquals("req-" + id, echoed, "a request id holding an ID is replaced");
            given().post("/v1/me/consents/" + id).then().statusCode(405).contentType("application/problem+json");
            given().urlEncodingEnabled(false).get("/v1/lists/x%0d%0aFAKE%20LOG%20LINE").then().statusCode(not(equalTo(500)));
            String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
            assertFalse(metrics.contains(id), "no personal ID in a metric label");
            assertTrue(metrics.contains("uri=\"UNMATCHED\""), "unmatched routes are counted under one label");
            assertTrue(logs.noneContains(id), "no personal ID in any log line");
            assertTrue(logs.noneContains("\nFAKE LOG LINE"), "CR/LF in a path is escaped");
            assertTrue(logs.anyContains("\\u000d\\u000aFAKE LOG LINE"), "the path is logged, escaped");
        }
    }

    @Test
    void nextLinksUseTheForwardedSchemeAndHostOfATrustedProxyOnly() {
        String a = newUscc("110101");
        String b = newUscc("110101");
        ingest(entity(a, "北京市链接测试甲有限公司", 1), entity(b, "北京市链接测试乙有限公司", 1),
                cn.xinyong.openapi.support.Fixtures.listEntry("LE-L-" + a, a, 1, "keyAttention", "2026-01-05", null, null),
                cn.xinyong.openapi.support.Fixtures.listEntry("LE-L-" + b, b, 1, "keyAttention", "2026-01-06", null, null));
        // The suite calls from 127.0.0.1, a trusted proxy in this configuration.
        given().header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", "credit.example.cn")
                .get("/v1/lists/keyAttention/entries?limit=1").then().statusCode(200)
                .body("next", startsWith("https://credit.example.cn/v1/lists/keyAttention/entries?"));
        given().header("Forwarded", "for=203.0.113.9;proto=https;host=open.example.cn")
                .get("/v1/lists/keyAttention/entries?limit=1").then().statusCode(200)
                .body("next", startsWith("https://open.example.cn/"));
        given().header("X-Forwarded-Host", "evil.example.cn/<script>")
                .get("/v1/lists/keyAttention/entries?limit=1").then().statusCode(200)
                .body("next", not(containsString("evil")));
        // The same headers from a peer that is not a trusted proxy (127.0.0.2, loopback too) are ignored.
        String fromUntrusted = rawGet("127.0.0.2", "/v1/lists/keyAttention/entries?limit=1",
                "X-Forwarded-Proto: https", "X-Forwarded-Host: credit.example.cn",
                "Forwarded: for=203.0.113.9;proto=https;host=open.example.cn");
        assertTrue(fromUntrusted.startsWith("HTTP/1.1 200"), fromUntrusted);
        assertTrue(fromUntrusted.contains("\"next\":\"http://localhost:" + io.restassured.RestAssured.port + "/v1/lists/"),
                fromUntrusted);
        assertFalse(fromUntrusted.contains("example.cn"), fromUntrusted);
    }

    /** A GET over a plain socket from the given local address: what a peer other than the suite's 127.0.0.1 sees. */
    private static String rawGet(String localAddress, String path, String... headers) {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.bind(new java.net.InetSocketAddress(localAddress, 0));
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", io.restassured.RestAssured.port), 5000);
            socket.setSoTimeout(10_000);
            StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: localhost:"
                    + io.restassured.RestAssured.port + "\r\nAccept-Encoding: identity\r\nConnection: close\r\n");
            for (String header : headers) {
                request.append(header).append("\r\n");
            }
            socket.getOutputStream().write(request.append("\r\n").toString()
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aPostgresOutageIsA503WithRetryAfterLoggedOnceAndEndsByItself() {
        org.junit.jupiter.api.Assumptions.assumeTrue(cn.xinyong.openapi.support.LocalInfraResource.ownsPostgres(),
                "runs against the suite's own PostgreSQL only");
        String resident = Tokens.bearer(Tokens.subject("app-user-outage", residentId()));
        given().header("Authorization", resident).get("/v1/me/consents").then().statusCode(200);
        try (LogCapture logs = LogCapture.start()) {
            cn.xinyong.openapi.support.LocalInfraResource.stopPostgres();
            try {
                for (int i = 0; i < 3; i++) {
                    given().header("Authorization", resident).get("/v1/me/consents").then().statusCode(503)
                            .contentType("application/problem+json").header("Retry-After", notNullValue())
                            .body("type", equalTo("/problems/unavailable"));
                }
            } finally {
                cn.xinyong.openapi.support.LocalInfraResource.startPostgres();
            }
            assertTrue(logs.anyContains("PostgreSQL unavailable"), "the outage is logged");
            assertTrue(logs.count("PostgreSQL unavailable") == 1, "once, not once per request");
        }
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
        int status = 0;
        // Back when consents and readiness (whose JDBC pool drops its broken connections on the way) both answer.
        while (status != 200 && System.nanoTime() < deadline) {
            status = given().header("Authorization", resident).get("/v1/me/consents").statusCode() == 200
                    ? given().get("/q/health/ready").statusCode() : 0;
            if (status != 200) {
                Thread.onSpinWait();
            }
        }
        org.junit.jupiter.api.Assertions.assertEquals(200, status, "the service is whole again once PostgreSQL is back");
        given().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void aStalledSearchNodeIsA503WithinTheQueryTimeoutNotAHeldCaller() {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("XINYONG_OPENSEARCH_URL") == null,
                "stalls the suite's own OpenSearch only");
        given().get("/v1/entities?q=恒泰").then().statusCode(200);
        cn.xinyong.openapi.support.LocalInfraResource.pauseOpenSearch();
        long started = System.nanoTime();
        try {
            given().get("/v1/entities?q=恒泰停顿").then().statusCode(503).contentType("application/problem+json")
                    .header("Retry-After", notNullValue());
            // An export checks its store before it commits a status: no 200 with a header row and then nothing.
            given().get("/v1/exports/penalties.csv").then().statusCode(503).contentType("application/problem+json")
                    .header("Retry-After", notNullValue());
        } finally {
            cn.xinyong.openapi.support.LocalInfraResource.resumeOpenSearch();
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(millis < 8_000, "both answered in " + millis + " ms, not held for the client's timeouts");
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
        int status = 0;
        while (status != 200 && System.nanoTime() < deadline) {
            status = given().get("/v1/entities?q=恒泰").statusCode();
        }
        org.junit.jupiter.api.Assertions.assertEquals(200, status, "searches answer again once the node goes on");
    }

    @Test
    void answersLeaveOutAbsentFieldsInsteadOfWritingNull() {
        String uscc = newUscc("110101");
        ingest(entity(uscc, "北京市空值测试有限公司", 1),
                cn.xinyong.openapi.support.Fixtures.listEntry("LE-N-" + uscc, uscc, 1, "keyAttention", "2026-01-07", null, null));
        String entries = given().queryParam("subject", uscc).get("/v1/lists/keyAttention/entries").then().statusCode(200)
                .extract().asString();
        assertTrue(entries.contains(uscc) && !entries.contains(":null"), entries);
        String screening = given().header("Authorization", Tokens.bearer(Tokens.partner("bank-nulls", "unlimited", "screening")))
                .contentType("application/json").body(Map.of("subjects", List.of(Map.of("uscc", uscc))))
                .post("/v1/screening").then().statusCode(200).extract().asString();
        assertTrue(screening.contains(uscc) && !screening.contains(":null"), screening);
    }
}
