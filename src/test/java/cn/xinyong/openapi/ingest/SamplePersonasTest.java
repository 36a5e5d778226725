package cn.xinyong.openapi.ingest;

import static cn.xinyong.openapi.ingest.generator.SamplePersonas.ABNORMAL;
import static cn.xinyong.openapi.ingest.generator.SamplePersonas.COMMITMENT_BREACHED;
import static cn.xinyong.openapi.ingest.generator.SamplePersonas.DEREGISTERED;
import static cn.xinyong.openapi.ingest.generator.SamplePersonas.DISPUTED;
import static cn.xinyong.openapi.ingest.generator.SamplePersonas.JUDGMENT_DEFAULTER;
import static cn.xinyong.openapi.ingest.generator.SamplePersonas.LOW_GRADE;
import static cn.xinyong.openapi.ingest.generator.SamplePersonas.NEWLY_REGISTERED;
import static cn.xinyong.openapi.ingest.generator.SamplePersonas.RESIDENT_DEFAULTER;
import static cn.xinyong.openapi.ingest.generator.SamplePersonas.RUN_BY_DEFAULTER;
import static cn.xinyong.openapi.ingest.generator.SamplePersonas.SERIOUSLY_DISHONEST;
import static cn.xinyong.openapi.ingest.generator.SamplePersonas.TRUSTWORTHY;
import static cn.xinyong.openapi.ingest.generator.SamplePersonas.WATCHED;
import static cn.xinyong.openapi.support.Fixtures.ingest;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.xinyong.openapi.ingest.generator.SamplePersonas;
import cn.xinyong.openapi.platform.id.ResidentId;
import cn.xinyong.openapi.platform.id.Uscc;
import cn.xinyong.openapi.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The README's walkthrough on the sample personas: each persona answers as the README and {@code bin/run} say,
 * and the local tokens carry the claims the service reads.
 */
@QuarkusTest
class SamplePersonasTest {

    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));
    private static final String BANK = Tokens.bearer(Tokens.partner("bank-001", "unlimited",
            "screening eligibility:xinyidai eligibility:xinyixing persons:read measures:check"));
    private static final String RESIDENT = Tokens.bearer(Tokens.subject("app-user-001", RESIDENT_DEFAULTER.code()));

    private static boolean loaded;

    @BeforeEach
    void loadThePersonas() {
        if (loaded) {
            return;
        }
        loaded = true;
        cn.xinyong.openapi.ingest.IngestReport report = ingest(SamplePersonas.lines(TODAY).toArray(String[]::new));
        assertEquals(0, report.rejected(), () -> report.rejections().toString());
    }

    private static JsonPath eligibility(String scheme, SamplePersonas.Persona p) {
        return given().header("Authorization", BANK).get("/v1/xinyi/" + scheme + "/eligibility/" + p.code())
                .then().statusCode(200).extract().jsonPath();
    }

    private static String rule(JsonPath d, String rule) {
        return d.getString("rules.find { it.rule == '" + rule + "' }.passed");
    }

    private static String decision(SamplePersonas.Persona p, String matter) {
        return given().header("Authorization", BANK).queryParam("matter", matter).get("/v1/measures/check/" + p.code())
                .then().statusCode(200).extract().path("decision");
    }

    @Test
    void thePersonasAreValidAndTheReadmeAndTheTokenCommandNameThem() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        SamplePersonas.ENTITIES.forEach(p -> {
            assertTrue(Uscc.isValid(p.code()), p.code());
            assertTrue(readme.contains("`" + p.code() + "`") && readme.contains(p.name()), "README lists " + p.name());
        });
        SamplePersonas.RESIDENTS.forEach(p -> {
            assertTrue(ResidentId.isValid(p.code()), p.code());
            assertTrue(readme.contains("`" + p.code() + "`"), "README lists " + p.name());
        });
        assertTrue(Files.readString(Path.of("bin/token")).contains("SAMPLE_RESIDENT=\"" + RESIDENT_DEFAULTER.code() + "\""),
                "bin/token's resident persona is the sample resident");
    }

    @Test
    void eachEntityPersonaAnswersAsDescribed() {
        JsonPath good = eligibility("xinyidai", TRUSTWORTHY);
        assertEquals(true, good.getBoolean("eligible"));
        assertEquals("prioritise", decision(TRUSTWORTHY, "administrativeLicensing"));

        assertEquals("false", rule(eligibility("xinyidai", JUDGMENT_DEFAULTER), "notListed"));
        assertTrue(eligibility("xinyixing", JUDGMENT_DEFAULTER).getList("restrictions").size() > 0);
        assertEquals("block", decision(JUDGMENT_DEFAULTER, "bidding"));

        assertEquals("false", rule(eligibility("xinyidai", SERIOUSLY_DISHONEST), "noPenalty"));
        assertEquals("block", decision(SERIOUSLY_DISHONEST, "bidding"));
        assertEquals("false", rule(eligibility("xinyidai", ABNORMAL), "notListed"));
        assertEquals("block", decision(ABNORMAL, "bidding"));
        assertEquals("review", decision(WATCHED, "dailySupervision"));
        assertEquals("false", rule(eligibility("xinyidai", LOW_GRADE), "minGrade"));
        assertEquals("false", rule(eligibility("xinyidai", NEWLY_REGISTERED), "registeredFor"));
        assertEquals("false", rule(eligibility("xinyidai", COMMITMENT_BREACHED), "commitmentsKept"));
        assertEquals("restrict", decision(COMMITMENT_BREACHED, "administrativeLicensing"));
        assertEquals("false", rule(eligibility("xinyidai", DEREGISTERED), "status"));

        JsonPath disputed = eligibility("xinyixing", DISPUTED);
        assertEquals("true", disputed.getString("rules.find { it.rule == 'notListed' }.suspended"));
        assertEquals("review", decision(DISPUTED, "bidding"));
        given().header("Authorization", BANK).contentType("application/json")
                .body(Map.of("subjects", List.of(Map.of("uscc", DISPUTED.code())))).post("/v1/screening")
                .then().statusCode(200).body("results[0].status", org.hamcrest.Matchers.equalTo("suspended"));

        String linked = given().header("Authorization", BANK).queryParam("matter", "appointment")
                .get("/v1/measures/check/" + RUN_BY_DEFAULTER.code()).then().statusCode(200).extract().asString();
        assertEquals("block", JsonPath.from(linked).getString("decision"));
        assertTrue(!linked.contains(RESIDENT_DEFAULTER.code()), "the person is never named");
    }

    @Test
    void theResidentPersonaConsentsAndIsChecked() {
        String consent = given().header("Authorization", RESIDENT).contentType("application/json")
                .body(Map.of("partnerId", "bank-001", "purpose", "measureCheck", "recordKinds",
                        List.of("judgmentDefaulter", "seriousDishonesty"), "expiresAt",
                        Instant.now().plus(Duration.ofDays(30)).toString()))
                .post("/v1/me/consents").then().statusCode(201).extract().path("id");
        given().header("Authorization", BANK).queryParam("consent", consent).queryParam("matter", "airTravel")
                .get("/v1/measures/check/person").then().statusCode(200)
                .body("decision", org.hamcrest.Matchers.equalTo("block"));
        given().header("Authorization", RESIDENT).get("/v1/me/credit").then().statusCode(200)
                .body("kind", org.hamcrest.Matchers.hasItems("judgmentDefaulter", "penalty"));
    }

    @Test
    void theLocalTokenCommandMintsTheClaimsTheServiceReads() throws Exception {
        Path keys = Files.createTempDirectory("local-identity");
        String token = run(keys, "bin/token", "bank", "--lifetime", "120");
        String publicKey = run(keys, "bin/token", "--public-key");
        java.security.PublicKey key = java.security.KeyFactory.getInstance("RSA").generatePublic(
                new java.security.spec.X509EncodedKeySpec(java.util.Base64.getMimeDecoder().decode(Files
                        .readString(Path.of(publicKey)).replaceAll("-----[A-Z ]+-----", ""))));
        JwtClaims claims = new JwtConsumerBuilder().setVerificationKey(key).setExpectedIssuer("https://local.xinyong")
                .setExpectedAudience("xinyong-open-api").setRequireExpirationTime().build().processToClaims(token);
        assertEquals("bank-001", claims.getClaimValueAsString("client_id"));
        assertEquals(List.of("partner"), claims.getStringListClaimValue("groups"));
        assertTrue(claims.getClaimValueAsString("scope").contains("eligibility:xinyidai"));
        assertTrue(claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue() == 120);
        JwtClaims resident = new JwtConsumerBuilder().setVerificationKey(key).setExpectedIssuer("https://local.xinyong")
                .setExpectedAudience("xinyong-open-api").build().processToClaims(run(keys, "bin/token", "resident"));
        assertEquals(RESIDENT_DEFAULTER.code(), resident.getClaimValueAsString("resident_id"));
        assertEquals(List.of("subject"), resident.getStringListClaimValue("groups"));
        JwtClaims company = new JwtConsumerBuilder().setVerificationKey(key).setExpectedIssuer("https://local.xinyong")
                .setExpectedAudience("xinyong-open-api").build().processToClaims(run(keys, "bin/token", "company"));
        assertEquals(JUDGMENT_DEFAULTER.code(), company.getClaimValueAsString("org_uscc"));
        assertEquals(List.of("organisation"), company.getStringListClaimValue("groups"));
        assertTrue(run(keys, "bin/token", "--help").contains("resident_id"));
    }

    private static String run(Path keys, String... command) throws Exception {
        ProcessBuilder b = new ProcessBuilder(command).redirectErrorStream(true);
        b.environment().put("XINYONG_LOCAL_IDENTITY", keys.toString());
        Process p = b.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, p.waitFor(), out);
        return out;
    }
}
