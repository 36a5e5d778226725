package cn.xinyong.openapi.consent;

import cn.xinyong.openapi.support.LogCapture;

import static cn.xinyong.openapi.support.Fixtures.residentId;
import static cn.xinyong.openapi.support.Fixtures.ingest;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.xinyong.openapi.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PersonalRecordsTest {

    @Inject
    AuditTrail audit;
    @Inject
    Pool pg;

    private LogCapture logs;

    @BeforeEach
    void captureLogs() {
        logs = LogCapture.start();
    }

    @AfterEach
    void stopCapturing() {
        logs.close();
    }


    private static String personRecord(String id, String resident, String kind) {
        return """
                {"dataset":"personRecord","op":"upsert","id":"%s","version":1,"data":{"residentId":"%s","kind":"%s",\
                "summary":"测试记录","authority":"北京市东城区人民法院","decidedOn":"2026-03-01"}}""".formatted(id, resident, kind);
    }

    private static String grant(String subjectToken, String partner, String purpose, List<String> kinds, Instant expires) {
        return given().header("Authorization", Tokens.bearer(subjectToken)).contentType("application/json")
                .body(Map.of("partnerId", partner, "purpose", purpose, "recordKinds", kinds, "expiresAt", expires.toString()))
                .post("/v1/me/consents").then().statusCode(201).extract().path("id");
    }

    @Test
    void consentGrantUseRevokeAndTheSubjectSeesEveryAccess() throws Exception {
        String resident = residentId();
        String tag = java.util.UUID.randomUUID().toString();
        String subject = Tokens.subject("app-user-1", resident);
        String bank = Tokens.bearer(Tokens.partner("bank-7", "unlimited", "persons:read"));
        ingest(personRecord("PR-" + tag + "-1", resident, "judgmentDefaulter"),
                personRecord("PR-" + tag + "-2", resident, "penalty"));
        String consent = grant(subject, "bank-7", "xinyidai", List.of("judgmentDefaulter"), Instant.now().plusSeconds(3600));

        String body = given().header("Authorization", bank).queryParam("consent", consent).queryParam("purpose", "xinyidai")
                .get("/v1/persons/credit").then().statusCode(200).header("Cache-Control", "no-store")
                .body("records", hasSize(1)).body("records[0].kind", equalTo("judgmentDefaulter"))
                .body("records[0].kindLabel", equalTo("失信被执行人"))
                .extract().asString();
        assertFalse(body.contains(resident), "no personal ID in the answer");

        // Another partner, another purpose, no scope: refused (and audited).
        given().header("Authorization", Tokens.bearer(Tokens.partner("bank-8", "unlimited", "persons:read")))
                .queryParam("consent", consent).queryParam("purpose", "xinyidai").get("/v1/persons/credit")
                .then().statusCode(403).contentType("application/problem+json");
        given().header("Authorization", bank).queryParam("consent", consent).queryParam("purpose", "xinyixing")
                .get("/v1/persons/credit").then().statusCode(403).body("detail", containsString("xinyidai"));
        given().header("Authorization", Tokens.bearer(Tokens.partner("bank-7", "unlimited", "screening")))
                .queryParam("consent", consent).queryParam("purpose", "xinyidai").get("/v1/persons/credit")
                .then().statusCode(403);
        given().queryParam("consent", consent).queryParam("purpose", "xinyidai").get("/v1/persons/credit")
                .then().statusCode(401);

        // Revocation takes effect at once.
        given().header("Authorization", Tokens.bearer(subject)).delete("/v1/me/consents/" + consent).then().statusCode(204);
        given().header("Authorization", bank).queryParam("consent", consent).queryParam("purpose", "xinyidai")
                .get("/v1/persons/credit").then().statusCode(403).body("detail", containsString("revoked"));
        given().header("Authorization", Tokens.bearer(subject)).get("/v1/me/consents").then().statusCode(200)
                .body("[0].state", equalTo("revoked"));

        given().header("Authorization", Tokens.bearer(subject)).get("/v1/me/accesses").then().statusCode(200)
                .body("outcome", hasItem("allowed")).body("outcome", hasItem("refused"))
                .body("partnerId", hasItem("bank-7")).body("partnerId", hasItem("bank-8"))
                .body("findAll { it.outcome == 'allowed' }", hasSize(1));

        // The resident sees every kind of their own records, and that read is logged as their own.
        given().header("Authorization", Tokens.bearer(subject)).get("/v1/me/credit").then().statusCode(200)
                .body("kind", hasItem("penalty")).body("kind", hasItem("judgmentDefaulter"));
        given().header("Authorization", Tokens.bearer(subject)).get("/v1/me/accesses").then().statusCode(200)
                .body("[0].partnerId", equalTo("self"));
        // Their own report is signed, names no one, and its read is logged as their own too.
        io.restassured.path.json.JsonPath report = given().header("Authorization", Tokens.bearer(subject))
                .get("/v1/me/credit-report").then().statusCode(200).header("Cache-Control", "no-store")
                .body("records.kind", hasItem("judgmentDefaulter")).extract().jsonPath();
        String jwks = given().get("/v1/xinyi/jwks").then().statusCode(200).extract().asString();
        org.jose4j.jwt.JwtClaims claims = new org.jose4j.jwt.consumer.JwtConsumerBuilder()
                .setVerificationKeyResolver(new org.jose4j.keys.resolvers.JwksVerificationKeyResolver(
                        new org.jose4j.jwk.JsonWebKeySet(jwks).getJsonWebKeys()))
                .setExpectedAudience("personal-credit-report").build().processToClaims(report.getString("token"));
        assertTrue(claims.getClaimValue("records") instanceof java.util.List<?> l && l.size() == report.getList("records").size());
        assertTrue(!claims.toJson().contains(resident) && claims.getSubject() == null, "the token names no one");
        given().header("Authorization", Tokens.bearer(subject)).get("/v1/me/accesses").then().statusCode(200)
                .body("findAll { it.partnerId == 'self' }", hasSize(2));

        // Someone else's consents and accesses are not mine.
        String other = Tokens.subject("app-user-2", residentId());
        given().header("Authorization", Tokens.bearer(other)).get("/v1/me/accesses").then().statusCode(200)
                .body("$", hasSize(0));
        given().header("Authorization", Tokens.bearer(other)).delete("/v1/me/consents/" + consent).then().statusCode(404);

        assertTrue(logs.noneContains(resident), "the personal ID appeared in a log line");
    }

    @Test
    void aPersonsXinyiDecisionGoesThroughTheirConsent() {
        String resident = residentId();
        String tag = java.util.UUID.randomUUID().toString();
        String subject = Tokens.subject("app-user-6", resident);
        ingest(personRecord("PR-" + tag, resident, "judgmentDefaulter"));
        String transit = Tokens.bearer(Tokens.partner("metro-1", "unlimited", "eligibility:xinyixing persons:read"));
        String narrow = grant(subject, "metro-1", "xinyixing", List.of("penalty"), Instant.now().plusSeconds(600));
        given().header("Authorization", transit).queryParam("consent", narrow).get("/v1/xinyi/xinyixing/eligibility/person")
                .then().statusCode(403).body("detail", containsString("judgmentDefaulter"));
        String consent = grant(subject, "metro-1", "xinyixing", List.of("judgmentDefaulter", "seriousDishonesty", "penalty"),
                Instant.now().plusSeconds(600));
        String body = given().header("Authorization", transit).queryParam("consent", consent)
                .get("/v1/xinyi/xinyixing/eligibility/person").then().statusCode(200)
                .body("eligible", equalTo(false)).body("subject", equalTo("consent:" + consent))
                .body("rules.find { it.rule == 'notListed' }.evidence[0].recordId", equalTo("PR-" + tag))
                .body("restrictions.size()", org.hamcrest.Matchers.greaterThan(0))
                .extract().asString();
        assertFalse(body.contains(resident));
        given().header("Authorization", Tokens.bearer(Tokens.partner("metro-1", "unlimited", "eligibility:xinyixing")))
                .queryParam("consent", consent).get("/v1/xinyi/xinyixing/eligibility/person").then().statusCode(403);
        given().header("Authorization", Tokens.bearer(subject)).get("/v1/me/accesses").then().statusCode(200)
                .body("findAll { it.outcome == 'allowed' && it.purpose == 'xinyixing' }", hasSize(1))
                .body("findAll { it.outcome == 'refused' }", hasSize(1));
        assertTrue(logs.noneContains(resident));
    }

    @Test
    void anExpiredConsentIsRefused() throws Exception {
        String resident = residentId();
        String tag = java.util.UUID.randomUUID().toString();
        String subject = Tokens.subject("app-user-3", resident);
        ingest(personRecord("PR-" + tag + "-x", resident, "penalty"));
        String consent = grant(subject, "transit-1", "xinyixing", List.of("penalty"), Instant.now().plusSeconds(60));
        String transit = Tokens.bearer(Tokens.partner("transit-1", "unlimited", "persons:read"));
        given().header("Authorization", transit).queryParam("consent", consent).queryParam("purpose", "xinyixing")
                .get("/v1/persons/credit").then().statusCode(200).body("records", hasSize(1));
        // Two minutes later by the service's clock (no waiting): the consent has ended.
        io.quarkus.test.junit.QuarkusMock.installMockForType(
                new cn.xinyong.openapi.platform.ShiftedTimeSource(java.time.Duration.ofMinutes(2)),
                cn.xinyong.openapi.platform.TimeSource.class);
        given().header("Authorization", transit).queryParam("consent", consent).queryParam("purpose", "xinyixing")
                .get("/v1/persons/credit").then().statusCode(403).body("detail", containsString("expired"));
        assertTrue(logs.noneContains(resident));
    }

    @Test
    void rejectsBadConsentsAndTokens() {
        String subject = Tokens.bearer(Tokens.subject("app-user-4", residentId()));
        given().header("Authorization", subject).contentType("application/json")
                .body(Map.of("partnerId", "bank 1", "purpose", "gambling", "recordKinds", List.of("dna"),
                        "expiresAt", Instant.now().plusSeconds(400 * 86400L).toString()))
                .post("/v1/me/consents").then().statusCode(400).body("errors", hasSize(4));
        given().header("Authorization", Tokens.bearer(Tokens.partner("bank-1", "unlimited", "persons:read")))
                .get("/v1/me/consents").then().statusCode(403);
        given().get("/v1/me/accesses").then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", Tokens.bearer(Tokens.partner("bank-1", "unlimited", "persons:read")))
                .queryParam("consent", "nope").queryParam("purpose", "xinyidai").get("/v1/persons/credit")
                .then().statusCode(400).body("errors[0].field", equalTo("consent"));
        given().header("Authorization", Tokens.bearer(Tokens.partner("bank-1", "unlimited", "persons:read")))
                .queryParam("consent", java.util.UUID.randomUUID().toString()).queryParam("purpose", "xinyidai")
                .get("/v1/persons/credit").then().statusCode(403);
        given().header("Authorization", Tokens.bearer(Tokens.partner("bank-1", "unlimited", "persons:read")))
                .queryParam("consent", java.util.UUID.randomUUID().toString()).queryParam("purpose", "x".repeat(60))
                .get("/v1/persons/credit").then().statusCode(400).body("errors[0].field", equalTo("purpose"));
        given().header("Authorization", subject).contentType("application/json")
                .body("{\"partnerId\":\"bank-1\",\"purpose\":\"xinyidai\",\"recordKinds\":[null],\"expiresAt\":\""
                        + Instant.now().plusSeconds(600) + "\"}")
                .post("/v1/me/consents").then().statusCode(400).body("errors[0].field", equalTo("recordKinds[0]"));
    }

    @Test
    void theAuditChainVerifiesAndAModifiedRowIsDetected() {
        String resident = residentId();
        String subject = Tokens.subject("app-user-5", resident);
        String consent = grant(subject, "bank-9", "xinyidai", List.of("penalty"), Instant.now().plusSeconds(600));
        String bank = Tokens.bearer(Tokens.partner("bank-9", "unlimited", "persons:read"));
        for (int i = 0; i < 3; i++) {
            given().header("Authorization", bank).queryParam("consent", consent).queryParam("purpose", "xinyidai")
                    .get("/v1/persons/credit").then().statusCode(200);
        }
        AuditTrail.Verification ok = verify();
        assertTrue(ok.intact(), "chain intact: " + ok);
        assertTrue(ok.entries() >= 3);

        // The table refuses changes outright ...
        Throwable refused = org.junit.jupiter.api.Assertions.assertThrows(Throwable.class, () ->
                pg.preparedQuery("update access_audit set partner_id = 'x' where id = (select max(id) from access_audit)")
                        .execute().await().atMost(Duration.ofSeconds(10)));
        assertTrue(String.valueOf(refused.getMessage()).contains("append-only"), refused.getMessage());
        // ... and a change made around that guard (as a superuser could) breaks the chain where it happened.
        Long id = pg.query("select max(id) as id from access_audit").execute().await().atMost(Duration.ofSeconds(10))
                .iterator().next().getLong("id");
        String original = pg.preparedQuery("select partner_id from access_audit where id = $1").execute(Tuple.of(id))
                .await().atMost(Duration.ofSeconds(10)).iterator().next().getString("partner_id");
        tamper(id, "someone-else");
        AuditTrail.Verification broken = verify();
        assertFalse(broken.intact());
        assertEquals(id, broken.firstBrokenId());
        tamper(id, original);
        assertTrue(verify().intact());
    }

    private AuditTrail.Verification verify() {
        try {
            return io.quarkus.vertx.VertxContextSupport.subscribeAndAwait(() -> audit.verify());
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private void tamper(Long id, String partner) {
        pg.withTransaction(c -> c.query("alter table access_audit disable trigger access_audit_no_change").execute()
                .flatMap(x -> c.preparedQuery("update access_audit set partner_id = $1 where id = $2").execute(Tuple.of(partner, id)))
                .flatMap(x -> c.query("alter table access_audit enable trigger access_audit_no_change").execute()))
                .await().atMost(Duration.ofSeconds(10));
    }
}
