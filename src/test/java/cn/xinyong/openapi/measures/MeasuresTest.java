package cn.xinyong.openapi.measures;

import static cn.xinyong.openapi.support.Fixtures.residentId;
import static cn.xinyong.openapi.support.Fixtures.commitment;
import static cn.xinyong.openapi.support.Fixtures.entity;
import static cn.xinyong.openapi.support.Fixtures.ingest;
import static cn.xinyong.openapi.support.Fixtures.listEntry;
import static cn.xinyong.openapi.support.Fixtures.newUscc;
import static cn.xinyong.openapi.support.Fixtures.penalty;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.xinyong.openapi.support.LocalInfraResource;
import cn.xinyong.openapi.support.LogCapture;
import cn.xinyong.openapi.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.junit.jupiter.api.Test;

@QuarkusTest
class MeasuresTest {

    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));
    private static final String DEPARTMENT = Tokens.bearer(Tokens.partner("trading-platform-1", "unlimited", "measures:check"));
    private static final String OTHER_DEPARTMENT = Tokens.bearer(Tokens.partner("approval-system-2", "unlimited",
            "measures:check"));
    private static final String BANK = Tokens.bearer(Tokens.partner("bank-9", "unlimited",
            "eligibility:xinyidai eligibility:xinyixing screening"));

    private static JsonPath check(String uscc, String matter) {
        return given().header("Authorization", DEPARTMENT).queryParam("matter", matter)
                .get("/v1/measures/check/" + uscc).then().statusCode(200).extract().jsonPath();
    }

    private static String status(JsonPath d, String code) {
        return d.getString("measures.find { it.code == '" + code + "' }.status");
    }


    private static String withRepresentative(String entityLine, String residentId) {
        return entityLine.replace("\"legalRepresentative\":\"张伟\",", "\"legalRepresentative\":\"张伟\",\"legalRepresentativeId\":\""
                + residentId + "\",");
    }

    private static String disputed(String line) {
        return line.replaceFirst("\"data\":\\{", "\"data\":{\"disputedSince\":\"" + TODAY.minusDays(3) + "\",");
    }

    private static String personRecord(String id, String resident, String kind) {
        return cn.xinyong.openapi.support.Fixtures.personRecord(id, resident, kind, TODAY.minusMonths(2));
    }

    @Test
    void theCatalogueIsOpenDataWithItsBasisVersionAndEtag() {
        JsonPath all = given().get("/v1/measures").then().statusCode(200).header("ETag", notNullValue())
                .body("measures.basis.document", everyItem(notNullValue()))
                .body("measures.basis.article", everyItem(notNullValue())).extract().jsonPath();
        assertTrue(all.getList("measures").size() >= 37, "every measure of the plans is in the catalogue");
        given().queryParam("matter", "bidding").get("/v1/measures").then().statusCode(200)
                .body("measures.code", hasItems("P08", "P09", "I06")).body("measures.matters", everyItem(hasItem("bidding")));
        given().queryParam("kind", "incentive").get("/v1/measures").then().body("measures.kind", everyItem(equalTo("incentive")));
        given().queryParam("class", "mandatory").get("/v1/measures").then()
                .body("measures.measureClass", everyItem(equalTo("mandatory")));
        given().queryParam("list", "abnormalOperation").get("/v1/measures").then().body("measures.code", equalTo(List.of("P09")));
        String etag = given().queryParam("matter", "bidding").get("/v1/measures").then().extract().header("ETag");
        given().queryParam("matter", "bidding").header("If-None-Match", etag).get("/v1/measures").then().statusCode(304);
        given().get("/v1/measures/matters").then().statusCode(200).body("find { it.code == 'bidding' }.name", equalTo("招标投标"));
        given().queryParam("matter", "horseRacing").get("/v1/measures").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("matter"))
                .body("errors[0].message", containsString("bidding"));
    }

    @Test
    void aMandatoryPunishmentBlocksWithItsClassBasisAndEvidence() {
        String listed = newUscc("310115");
        String clean = newUscc("310115");
        ingest(entity(listed, "上海市失信投标测试有限公司", 1), entity(clean, "上海市守法投标测试有限公司", 1),
                listEntry("LE-M-" + listed, listed, 1, "judgmentDefaulter", TODAY.minusMonths(3).toString(), null, null));
        JsonPath d = check(listed, "bidding");
        assertEquals("block", d.getString("decision"));
        assertEquals("applies", status(d, "P08"));
        assertEquals("mandatory", d.getString("measures.find { it.code == 'P08' }.measureClass"));
        assertTrue(d.getString("measures.find { it.code == 'P08' }.basis.article").startsWith("第八条"));
        assertTrue(d.getString("measures.find { it.code == 'P08' }.basis.document").contains("法释〔2017〕7号"));
        assertEquals("LE-M-" + listed, d.getString("measures.find { it.code == 'P08' }.evidence[0].recordId"));
        assertEquals(TODAY.minusMonths(3).toString(), d.getString("measures.find { it.code == 'P08' }.evidence[0].date"));
        assertEquals("武汉市发展和改革委员会", d.getString("measures.find { it.code == 'P08' }.evidence[0].authority"));
        JsonPath none = check(clean, "bidding");
        assertEquals("none", none.getString("decision"));
        assertEquals(List.of(), none.getList("measures"));
    }

    @Test
    void eachTriggerAppliesAndDoesNotApply() {
        String serious = newUscc("310115");
        String oldSerious = newUscc("310115");
        String gradeD = newUscc("310115");
        String gradeA = newUscc("310115");
        String breached = newUscc("310115");
        String kept = newUscc("310115");
        String red = newUscc("310115");
        String penalised = newUscc("310115");
        ingest(entity(serious, "上海市严重处罚测试有限公司", 1),
                penalty("PS-" + serious, serious, 1, "serious", TODAY.minusMonths(2).toString(), TODAY.plusYears(2).toString()),
                entity(oldSerious, "上海市旧处罚测试有限公司", 1),
                penalty("PS-" + oldSerious, oldSerious, 1, "serious", TODAY.minusMonths(20).toString(), TODAY.plusYears(1).toString()),
                entity(gradeD, "上海市D级测试有限公司", 1).replace("\"grade\":\"A\"", "\"grade\":\"D\""),
                entity(gradeA, "上海市A级测试有限公司", 1),
                entity(breached, "上海市违诺测试有限公司", 1), commitment("C-" + breached, breached, 1, "deficiencyAcceptance", "breached"),
                entity(kept, "上海市守诺测试有限公司", 1), commitment("C-" + kept, kept, 1, "deficiencyAcceptance", "fulfilled"),
                entity(red, "上海市红名单测试有限公司", 1),
                listEntry("LE-R-" + red, red, 1, "redList", TODAY.minusMonths(1).toString(), null, null),
                entity(penalised, "上海市一般处罚测试有限公司", 1),
                penalty("PG-" + penalised, penalised, 1, "general", TODAY.minusMonths(6).toString(), TODAY.plusMonths(6).toString()));

        assertEquals("applies", status(check(serious, "dailySupervision"), "P22"), "serious penalty within 12 months");
        assertEquals(null, status(check(oldSerious, "dailySupervision"), "P22"), "serious penalty 20 months ago");
        JsonPath d = check(gradeD, "dailySupervision");
        assertEquals("applies", status(d, "P21"));
        assertEquals("review", d.getString("decision"));
        JsonPath a = check(gradeA, "dailySupervision");
        assertEquals("applies", status(a, "I04"));
        assertEquals("prioritise", a.getString("decision"), "only an incentive applies");
        assertEquals("applies", status(check(breached, "administrativeLicensing"), "P23"));
        assertEquals(null, status(check(kept, "administrativeLicensing"), "P23"));
        JsonPath r = check(red, "administrativeLicensing");
        assertEquals("applies", status(r, "I01"));
        assertEquals("prioritise", r.getString("decision"));
        assertEquals("applies", status(check(kept, "administrativeLicensing"), "I02"), "registered 2015, no adverse record");
        assertEquals(null, status(check(penalised, "administrativeLicensing"), "I02"), "a penalty within three years");
    }

    @Test
    void anUnknownSubjectIsUnknownNotClear() {
        JsonPath d = check(newUscc("310115"), "bidding");
        assertEquals("unknown", d.getString("decision"));
        assertEquals(List.of(), d.getList("measures"));
        assertTrue(d.getString("token").split("\\.").length == 3, "the answer is signed all the same");
    }

    @Test
    void measuresFollowTheLegalRepresentativeWithoutRevealingThePerson() {
        try (LogCapture logs = LogCapture.start()) {
            String person = residentId();
            String first = newUscc("310115");
            String second = newUscc("310115");
            String dishonest = newUscc("310115");
            String alsoRun = newUscc("310115");
            String partner = residentId();
            ingest(withRepresentative(entity(first, "上海市关联甲有限公司", 1), person),
                    withRepresentative(entity(second, "上海市关联乙有限公司", 1), person),
                    personRecord("PR-M-" + person.substring(10), person, "judgmentDefaulter"),
                    withRepresentative(entity(dishonest, "上海市严重失信关联有限公司", 1), partner),
                    listEntry("LE-D-" + dishonest, dishonest, 1, "seriousDishonesty", TODAY.minusMonths(4).toString(), null, null),
                    withRepresentative(entity(alsoRun, "上海市同一负责人有限公司", 1), partner));

            String body = given().header("Authorization", DEPARTMENT).queryParam("matter", "appointment")
                    .get("/v1/measures/check/" + second).then().statusCode(200).extract().asString();
            JsonPath d = JsonPath.from(body);
            assertEquals("block", d.getString("decision"), "the second entity the person represents reports it");
            assertEquals("applies", status(d, "P18"));
            assertEquals("legalRepresentative", d.getString("measures.find { it.code == 'P18' }.evidence[0].kind"));
            assertEquals(null, d.getString("measures.find { it.code == 'P18' }.evidence[0].recordId"));
            assertTrue(d.getString("measures.find { it.code == 'P18' }.evidence[0].detail").contains("张伟"));
            assertFalse(body.contains(person), "no personal ID in the answer");
            assertEquals("applies", status(check(first, "exit"), "P13"));

            JsonPath run = check(alsoRun, "honours");
            assertEquals("applies", status(run, "P27"), "represents a seriously dishonest entity");
            assertEquals(dishonest, run.getString("measures.find { it.code == 'P27' }.evidence[0].recordId"));
            assertEquals(null, status(check(dishonest, "honours"), "P27"), "not for the listed entity itself");
            assertEquals(null, status(check(alsoRun, "appointment"), "P18"), "its representative holds no record of their own");
            given().get("/v1/entities/" + first).then().statusCode(200).body(not(containsString(person)));
            assertTrue(logs.noneContains(person, partner), "no personal ID logged");
        }
    }

    @Test
    void aPersonWhoConsentedIsCheckedOnTheirOwnRecordsAndNeverNamed() {
        try (LogCapture logs = LogCapture.start()) {
            String person = residentId();
            String clean = residentId();
            ingest(personRecord("PR-P-" + person.substring(8), person, "judgmentDefaulter"));
            String airline = Tokens.bearer(Tokens.partner("airline-7", "unlimited", "measures:check persons:read"));
            String consent = consent(person, "airline-7", "measureCheck", List.of("judgmentDefaulter", "seriousDishonesty"));

            String body = given().header("Authorization", airline).queryParam("consent", consent).queryParam("matter", "airTravel")
                    .get("/v1/measures/check/person").then().statusCode(200).header("Cache-Control", "no-store")
                    .extract().asString();
            JsonPath d = JsonPath.from(body);
            assertEquals("block", d.getString("decision"), "a judgment defaulter may not board");
            assertEquals("applies", status(d, "P15"));
            assertEquals("person", d.getString("measures.find { it.code == 'P15' }.evidence[0].kind"));
            assertEquals(null, d.getString("measures.find { it.code == 'P15' }.evidence[0].recordId"));
            assertEquals(consent, d.getString("consentId"));
            assertEquals(null, d.getString("subject"));
            assertFalse(body.contains(person) || body.contains(person.substring(8)), "neither the ID nor the record id");
            assertEquals(null, status(d, "P08"), "an entity's measure is not a person's");

            String cleanConsent = consent(clean, "airline-7", "measureCheck", List.of("judgmentDefaulter", "seriousDishonesty"));
            given().header("Authorization", airline).queryParam("consent", cleanConsent).queryParam("matter", "airTravel")
                    .get("/v1/measures/check/person").then().statusCode(200).body("decision", equalTo("none"))
                    .body("measures", org.hamcrest.Matchers.empty());

            String narrow = consent(person, "airline-7", "measureCheck", List.of("penalty"));
            given().header("Authorization", airline).queryParam("consent", narrow).queryParam("matter", "airTravel")
                    .get("/v1/measures/check/person").then().statusCode(403).contentType("application/problem+json")
                    .body("detail", containsString("judgmentDefaulter"));
            String otherPurpose = consent(person, "airline-7", "xinyixing", List.of("judgmentDefaulter", "seriousDishonesty"));
            given().header("Authorization", airline).queryParam("consent", otherPurpose).queryParam("matter", "airTravel")
                    .get("/v1/measures/check/person").then().statusCode(403);
            given().header("Authorization", DEPARTMENT).queryParam("consent", consent).queryParam("matter", "airTravel")
                    .get("/v1/measures/check/person").then().statusCode(403).body("detail", containsString("persons:read"));
            given().header("Authorization", airline).queryParam("consent", "not-a-consent").queryParam("matter", "airTravel")
                    .get("/v1/measures/check/person").then().statusCode(400).contentType("application/problem+json");

            given().header("Authorization", Tokens.bearer(Tokens.subject("app-user-m", person))).get("/v1/me/accesses")
                    .then().statusCode(200).body("purpose", hasItem("measureCheck"));
            assertTrue(logs.noneContains(person, clean), "no personal ID logged");
        }
    }

    private static String consent(String resident, String partner, String purpose, List<String> kinds) {
        return given().header("Authorization", Tokens.bearer(Tokens.subject("app-user-m", resident)))
                .contentType("application/json")
                .body(java.util.Map.of("partnerId", partner, "purpose", purpose, "recordKinds", kinds,
                        "expiresAt", java.time.Instant.now().plus(java.time.Duration.ofDays(30)).toString()))
                .post("/v1/me/consents").then().statusCode(201).extract().path("id");
    }

    @Test
    void aDisputedRecordSuspendsThePunishmentInTheCheckScreeningAndXinyi() {
        String uscc = newUscc("310115");
        ingest(entity(uscc, "上海市异议核查测试有限公司", 1),
                disputed(listEntry("LE-X-" + uscc, uscc, 1, "judgmentDefaulter", TODAY.minusMonths(2).toString(), null, null)));
        JsonPath d = check(uscc, "bidding");
        assertEquals("suspended", status(d, "P08"));
        assertEquals(true, d.getBoolean("measures.find { it.code == 'P08' }.evidence[0].disputed"));
        assertEquals("review", d.getString("decision"), "suspended, not applied: checked closely, not blocked");

        given().get("/v1/entities/" + uscc + "/lists").then().statusCode(200)
                .body("current[0].disputedSince", equalTo(TODAY.minusDays(3).toString()));
        given().header("Authorization", BANK).contentType("application/json")
                .body(Map.of("subjects", List.of(Map.of("uscc", uscc)))).post("/v1/screening").then().statusCode(200)
                .body("results[0].status", equalTo("suspended"))
                .body("results[0].matches[0].listings[0].disputedSince", notNullValue());
        JsonPath xinyi = given().header("Authorization", BANK).get("/v1/xinyi/xinyidai/eligibility/" + uscc).then()
                .statusCode(200).extract().jsonPath();
        assertEquals(true, xinyi.getBoolean("rules.find { it.rule == 'notListed' }.passed"));
        assertEquals(true, xinyi.getBoolean("rules.find { it.rule == 'notListed' }.suspended"));
        JsonPath transit = given().header("Authorization", BANK).get("/v1/xinyi/xinyixing/eligibility/" + uscc).then()
                .statusCode(200).extract().jsonPath();
        assertEquals(List.of(), transit.getList("restrictions"));
        assertTrue(transit.getList("suspendedRestrictions").size() > 0, transit.prettify());
    }

    @Test
    void aBatchChecksEveryBidderInOrder() {
        String listed = newUscc("310115");
        ingest(entity(listed, "上海市批量失信有限公司", 1),
                listEntry("LE-B-" + listed, listed, 1, "seriousDishonesty", TODAY.minusMonths(1).toString(), null, null));
        String unknown = newUscc("310115");
        given().header("Authorization", DEPARTMENT).contentType("application/json")
                .body(Map.of("matter", "bidding", "subjects", List.of(listed, "not-a-code", unknown)))
                .post("/v1/measures/check").then().statusCode(200).body("results", hasSize(3))
                .body("results[0].decision.decision", equalTo("block"))
                .body("results[1].status", equalTo("invalid")).body("results[1].error", notNullValue())
                .body("results[2].decision.decision", equalTo("unknown"));
        List<String> many = Collections.nCopies(1001, listed);
        given().header("Authorization", DEPARTMENT).contentType("application/json")
                .body(Map.of("matter", "bidding", "subjects", many)).post("/v1/measures/check").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("subjects"));
        given().header("Authorization", DEPARTMENT).contentType("application/json")
                .body(Map.of("subjects", List.of(listed))).post("/v1/measures/check").then().statusCode(400)
                .body("errors[0].field", equalTo("matter"));
        given().header("Authorization", BANK).queryParam("matter", "bidding").get("/v1/measures/check/" + listed)
                .then().statusCode(403).contentType("application/problem+json");
        given().queryParam("matter", "bidding").get("/v1/measures/check/" + listed).then().statusCode(401);
    }

    @Test
    void decisionsVerifyOfflineAndFailWhenAltered() throws Exception {
        String uscc = newUscc("310115");
        ingest(entity(uscc, "上海市验签测试有限公司", 1),
                listEntry("LE-V-" + uscc, uscc, 1, "judgmentDefaulter", TODAY.minusMonths(1).toString(), null, null));
        String token = check(uscc, "bidding").getString("token");
        String jwks = given().get("/v1/xinyi/jwks").then().statusCode(200).extract().asString();
        JwtConsumer consumer = new JwtConsumerBuilder()
                .setVerificationKeyResolver(new JwksVerificationKeyResolver(new JsonWebKeySet(jwks).getJsonWebKeys()))
                .setExpectedAudience("measures:bidding").setRequireExpirationTime().build();
        JwtClaims claims = consumer.processToClaims(token);
        assertEquals(uscc, claims.getSubject());
        assertEquals("block", claims.getClaimValue("decision"));
        String[] parts = token.split("\\.");
        String forged = new String(java.util.Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"decision\":\"block\"", "\"decision\":\"none\"");
        String tampered = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(forged.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertThrows(InvalidJwtException.class, () -> consumer.processToClaims(tampered));
    }

    @Test
    void feedbackIsStoredOnceCountedAndCollected() {
        String uscc = newUscc("310115");
        ingest(entity(uscc, "上海市执行反馈测试有限公司", 1),
                listEntry("LE-F-" + uscc, uscc, 1, "judgmentDefaulter", TODAY.minusMonths(1).toString(), null, null));
        JsonPath d = check(uscc, "governmentProcurement");
        String id = d.getString("decisionId");
        Map<String, String> report = Map.of("token", d.getString("token"), "outcome", "applied");
        given().header("Authorization", DEPARTMENT).contentType("application/json").body(report)
                .post("/v1/measures/decisions/" + id + "/feedback").then().statusCode(201).body("outcome", equalTo("applied"))
                .body("measures", hasItem("P08"));
        given().header("Authorization", DEPARTMENT).contentType("application/json").body(report)
                .post("/v1/measures/decisions/" + id + "/feedback").then().statusCode(200).body("decisionId", equalTo(id));
        given().header("Authorization", DEPARTMENT).contentType("application/json")
                .body(Map.of("token", d.getString("token"), "outcome", "overridden", "approvalReference", "沪采审〔2026〕1号"))
                .post("/v1/measures/decisions/" + id + "/feedback").then().statusCode(409);
        given().header("Authorization", OTHER_DEPARTMENT).contentType("application/json").body(report)
                .post("/v1/measures/decisions/" + id + "/feedback").then().statusCode(403);
        given().header("Authorization", DEPARTMENT).contentType("application/json").body(report)
                .post("/v1/measures/decisions/" + java.util.UUID.randomUUID() + "/feedback").then().statusCode(404);
        given().header("Authorization", DEPARTMENT).contentType("application/json")
                .body(Map.of("token", d.getString("token"), "outcome", "notApplied"))
                .post("/v1/measures/decisions/" + id + "/feedback").then().statusCode(400).body("errors[0].field", equalTo("reason"));

        JsonPath stats = given().header("Authorization", DEPARTMENT).queryParam("by", "measure")
                .get("/v1/measures/feedback/statistics").then().statusCode(200).extract().jsonPath();
        assertTrue(stats.getLong("counts.find { it.key == 'P08' }.applied") >= 1, stats.prettify());
        given().header("Authorization", DEPARTMENT).queryParam("by", "authority").get("/v1/measures/feedback/statistics")
                .then().body("counts.key", hasItem("trading-platform-1"));
        given().header("Authorization", DEPARTMENT).queryParam("by", "colour").get("/v1/measures/feedback/statistics")
                .then().statusCode(400);

        String position = null;
        List<String> collected = new ArrayList<>();
        for (int guard = 0; guard < 100; guard++) {
            var request = given().header("Authorization", "Bearer " + LocalInfraResource.INGEST_TOKEN).queryParam("limit", 2);
            if (position != null) {
                request.queryParam("since", position);
            }
            JsonPath page = request.get("/internal/measures/feedback").then().statusCode(200).extract().jsonPath();
            collected.addAll(page.getList("items.decisionId"));
            position = page.getString("position");
            if (!page.getBoolean("more")) {
                break;
            }
        }
        assertEquals(1, Collections.frequency(collected, id), "collected once");
    }

    @Test
    void anInvalidCatalogueIsRefusedWithTheMeasureNamedAndAValidOneTakesEffect() throws Exception {
        String auth = "Bearer " + LocalInfraResource.INGEST_TOKEN;
        byte[] original = Files.readAllBytes(Path.of("src/main/resources/measures/measures.json"));
        String text = new String(original, StandardCharsets.UTF_8);
        given().header("Authorization", auth).contentType("application/json")
                .body(text.replaceFirst("\"matters\":\\s*\\[\\s*\"bidding\"", "\"matters\": [\"cockfighting\""))
                .put("/internal/measures").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("cockfighting"));
        given().header("Authorization", auth).contentType("application/json")
                .body(text.replace("\"code\": \"P08\",", "\"code\": \"P08\", \"colour\": \"red\","))
                .put("/internal/measures").then().statusCode(400).body("detail", containsString("measure P08"));
        given().get("/v1/measures").then().body("version", equalTo("2026-11-26.2"));
        try {
            given().header("Authorization", auth).contentType("application/json")
                    .body(text.replace("\"version\": \"2026-11-26.2\"", "\"version\": \"test-2\""))
                    .put("/internal/measures").then().statusCode(200).body("version", equalTo("test-2"));
            given().get("/v1/measures").then().body("version", equalTo("test-2"));
        } finally {
            given().header("Authorization", auth).contentType("application/json").body(original).put("/internal/measures")
                    .then().statusCode(200);
        }
        given().contentType("application/json").body(original).put("/internal/measures").then().statusCode(401);
    }

    @Test
    void aDecisionIsAnsweredAgainOnlyWhileNothingItRestsOnChanged() {
        String uscc = newUscc("310115");
        ingest(entity(uscc, "上海市重复核查测试有限公司", 1));
        JsonPath first = check(uscc, "bidding");
        assertEquals("none", first.getString("decision"));
        assertEquals(first.getString("decisionId"), check(uscc, "bidding").getString("decisionId"),
                "the same question on the same data: the same signed decision");
        given().header("Authorization", OTHER_DEPARTMENT).queryParam("matter", "bidding").get("/v1/measures/check/" + uscc)
                .then().statusCode(200).body("decisionId", not(equalTo(first.getString("decisionId"))));

        ingest(listEntry("LE-RU-" + uscc, uscc, 1, "judgmentDefaulter", TODAY.minusDays(1).toString(), null, null));
        JsonPath after = check(uscc, "bidding");
        assertEquals("block", after.getString("decision"), "a new record: a new decision");
        assertFalse(first.getString("decisionId").equals(after.getString("decisionId")));
    }
}
