package cn.xinyong.openapi.eligibility;

import static cn.xinyong.openapi.support.Fixtures.commitment;
import static cn.xinyong.openapi.support.Fixtures.entity;
import static cn.xinyong.openapi.support.Fixtures.ingest;
import static cn.xinyong.openapi.support.Fixtures.listEntry;
import static cn.xinyong.openapi.support.Fixtures.newUscc;
import static cn.xinyong.openapi.support.Fixtures.penalty;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.xinyong.openapi.support.LocalInfraResource;
import cn.xinyong.openapi.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.junit.jupiter.api.Test;

@QuarkusTest
class EligibilityTest {

    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));
    private static final String BANK = Tokens.bearer(Tokens.partner("bank-x", "unlimited",
            "eligibility:xinyidai eligibility:xinyixing"));

    private static JsonPath decide(String scheme, String uscc) {
        return given().header("Authorization", BANK).get("/v1/xinyi/" + scheme + "/eligibility/" + uscc)
                .then().statusCode(200).extract().jsonPath();
    }

    private static String ruleOutcome(JsonPath d, String type) {
        return d.getString("rules.find { it.rule == '" + type + "' }.passed");
    }

    @Test
    void aCleanSubjectIsEligibleWithBenefitsAndASignedToken() {
        String uscc = newUscc("420103");
        ingest(entity(uscc, "武汉市守信示范有限公司", 1));
        JsonPath d = decide("xinyidai", uscc);
        assertEquals(true, d.getBoolean("eligible"));
        assertEquals(List.of("纯信用贷款", "利率优惠", "简化审批"), d.getList("benefits"));
        assertEquals(6, d.getList("rules").size());
        assertTrue(d.getString("token").split("\\.").length == 3);
    }

    @Test
    void everyShippedSchemeLoadsAndDecides() {
        JsonPath schemes = given().get("/v1/xinyi/schemes").then().statusCode(200).extract().jsonPath();
        List<String> codes = schemes.getList("code");
        assertTrue(codes.size() >= 15, "the plans count at least 15 信易+ domains: " + codes);
        assertTrue(codes.containsAll(List.of("xinyiyi", "xinyidan", "xinyiyue", "xinyigou", "xinyongzhu",
                "xinyongchuxing", "chengxincanyin", "xinyongjieshu", "xianxiaofei", "xinyongyuanqu", "xinyongyanglao")));
        schemes.getList("basis", String.class).forEach(b -> assertTrue(b != null && !b.isBlank(), "every scheme states its basis"));
        String all = Tokens.bearer(Tokens.partner("bank-all", "unlimited",
                String.join(" ", schemes.getList("requiredScope", String.class))));
        String clean = newUscc("420103");
        String taxOffender = newUscc("420103");
        ingest(entity(clean, "武汉市十五域守信示范有限公司", 1), entity(taxOffender, "武汉市十五域欠税示范有限公司", 1),
                listEntry("LE-" + taxOffender, taxOffender, 1, "taxDishonesty", TODAY.minusMonths(2).toString(), null, null));
        for (String code : codes) {
            int rules = schemes.getList("find { it.code == '" + code + "' }.rules").size();
            for (String subject : List.of(clean, taxOffender)) {
                JsonPath d = given().header("Authorization", all).get("/v1/xinyi/" + code + "/eligibility/" + subject)
                        .then().statusCode(200).extract().jsonPath();
                assertEquals(code, d.getString("scheme"));
                assertEquals(rules, d.getList("rules").size(), code + " decides every rule");
                assertEquals(3, d.getString("token").split("\\.").length, code + " signs its decision");
            }
        }
        // Schemes that exclude the 重大税收违法失信主体 list refuse the tax offender, naming the list; others do not care.
        JsonPath guarantee = given().header("Authorization", all).get("/v1/xinyi/xinyidan/eligibility/" + taxOffender)
                .then().extract().jsonPath();
        assertEquals(false, guarantee.getBoolean("eligible"));
        assertEquals("false", ruleOutcome(guarantee, "notListed"));
        assertTrue(guarantee.getString("rules.find { it.rule == 'notListed' }.evidence[0].detail").contains("重大税收违法失信主体"),
                guarantee.prettify());
        assertEquals("true", ruleOutcome(given().header("Authorization", all)
                .get("/v1/xinyi/xinyiyue/eligibility/" + taxOffender).then().extract().jsonPath(), "notListed"));
    }

    @Test
    void anUnchangedQuestionGetsTheDecisionAlreadySignedAndAChangeANewOne() {
        String uscc = newUscc("420103");
        ingest(entity(uscc, "武汉市复用示范有限公司", 1));
        JsonPath first = decide("xinyixing", uscc);
        JsonPath again = decide("xinyixing", uscc);
        assertEquals(first.getString("decisionId"), again.getString("decisionId"), "nothing changed: the same decision");
        assertEquals(first.getString("token"), again.getString("token"));
        ingest(penalty("P-RU-" + uscc, uscc, 1, "serious", TODAY.minusMonths(1).toString(), TODAY.plusYears(1).toString()));
        JsonPath after = decide("xinyixing", uscc);
        assertTrue(!first.getString("decisionId").equals(after.getString("decisionId")), "a new record: a new decision");
        assertEquals(false, after.getBoolean("eligible"));
    }

    @Test
    void eachFailingRuleNamesItsEvidence() {
        String uscc = newUscc("420103");
        ingest(entity(uscc, "武汉市失信示范有限公司", 1),
                listEntry("LE-" + uscc, uscc, 1, "judgmentDefaulter", TODAY.minusMonths(1).toString(), null, null),
                penalty("P-" + uscc, uscc, 1, "serious", TODAY.minusMonths(6).toString(), TODAY.plusYears(1).toString()),
                commitment("C-" + uscc, uscc, 1, "deficiencyAcceptance", "breached"));
        JsonPath d = decide("xinyidai", uscc);
        assertEquals(false, d.getBoolean("eligible"));
        assertEquals(List.of(), d.getList("benefits"));
        assertEquals("false", ruleOutcome(d, "notListed"));
        assertEquals("LE-" + uscc, d.getString("rules.find { it.rule == 'notListed' }.evidence[0].recordId"));
        assertEquals("false", ruleOutcome(d, "noPenalty"));
        assertEquals("P-" + uscc, d.getString("rules.find { it.rule == 'noPenalty' }.evidence[0].recordId"));
        assertEquals("false", ruleOutcome(d, "commitmentsKept"));
        assertEquals("true", ruleOutcome(d, "minGrade"));
        assertEquals("true", ruleOutcome(d, "status"));

        // Transit reports the high-consumption restriction, not only the missing perk.
        JsonPath transit = decide("xinyixing", uscc);
        assertEquals(false, transit.getBoolean("eligible"));
        assertTrue(transit.getList("restrictions", String.class).stream().anyMatch(r -> r.contains("飞机")));
    }

    @Test
    void statusAndRegistrationRules() {
        String young = newUscc("420103");
        ingest(entity(young, "武汉市新设示范有限公司", 1).replace("2015-03-02", TODAY.minusMonths(2).toString()));
        assertEquals("false", ruleOutcome(decide("xinyidai", young), "registeredFor"));
        String revoked = newUscc("420103");
        ingest(entity(revoked, "武汉市吊销示范有限公司", 1, "legalPerson", "revoked", "420103"));
        assertEquals("false", ruleOutcome(decide("xinyidai", revoked), "status"));
    }

    @Test
    void tokensVerifyOfflineAndTamperedOrExpiredOnesFail() throws Exception {
        String uscc = newUscc("420106");
        ingest(entity(uscc, "武汉市验签示范有限公司", 1));
        String token = decide("xinyidai", uscc).getString("token");
        String jwks = given().get("/v1/xinyi/jwks").then().statusCode(200).body("keys[0].kty", equalTo("EC"))
                .body("keys[0].d", org.hamcrest.Matchers.nullValue()).extract().asString();
        JwtConsumer consumer = new JwtConsumerBuilder()
                .setVerificationKeyResolver(new JwksVerificationKeyResolver(new JsonWebKeySet(jwks).getJsonWebKeys()))
                .setExpectedAudience("xinyi:xinyidai").setRequireExpirationTime().build();
        JwtClaims claims = consumer.processToClaims(token);
        assertEquals(uscc, claims.getSubject());
        assertEquals(true, claims.getClaimValue("eligible"));

        String[] parts = token.split("\\.");
        String forged = new String(java.util.Base64.getUrlDecoder().decode(parts[1])).replace("\"eligible\":true",
                "\"eligible\":false");
        String tampered = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(forged.getBytes())
                + "." + parts[2];
        assertThrows(InvalidJwtException.class, () -> consumer.processToClaims(tampered));

        JwtConsumer later = new JwtConsumerBuilder()
                .setVerificationKeyResolver(new JwksVerificationKeyResolver(new JsonWebKeySet(jwks).getJsonWebKeys()))
                .setExpectedAudience("xinyi:xinyidai")
                .setEvaluationTime(NumericDate.fromSeconds(claims.getExpirationTime().getValue() + 3600)).build();
        assertThrows(InvalidJwtException.class, () -> later.processToClaims(token));
    }

    @Test
    void aConfigurationChangeTakesEffectAndABadOneIsRefused() throws Exception {
        String uscc = newUscc("420111");
        ingest(entity(uscc, "武汉市配置示范有限公司", 1).replace("\"grade\":\"A\"", "\"grade\":\"B\""));
        assertEquals(true, decide("xinyidai", uscc).getBoolean("eligible"));
        byte[] original;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("xinyi/schemes.json")) {
            original = in.readAllBytes();
        }
        String stricter = new String(original, java.nio.charset.StandardCharsets.UTF_8)
                .replace("{\"type\": \"minGrade\", \"grade\": \"B\"}", "{\"type\": \"minGrade\", \"grade\": \"A\"}");
        String auth = "Bearer " + LocalInfraResource.INGEST_TOKEN;
        try {
            given().header("Authorization", auth).contentType("application/json").body(stricter)
                    .put("/internal/xinyi/schemes").then().statusCode(200).body("$", hasItem("xinyidai"));
            JsonPath d = decide("xinyidai", uscc);
            assertEquals(false, d.getBoolean("eligible"));
            assertEquals("false", ruleOutcome(d, "minGrade"));
            given().header("Authorization", auth).contentType("application/json")
                    .body(stricter.replace("\"minGrade\"", "\"maxGrade\"")).put("/internal/xinyi/schemes")
                    .then().statusCode(400).body("detail", org.hamcrest.Matchers.containsString("rule 3 (maxGrade)"));
            assertEquals(false, decide("xinyidai", uscc).getBoolean("eligible"), "the refused change changed nothing");
        } finally {
            given().header("Authorization", auth).contentType("application/json").body(original)
                    .put("/internal/xinyi/schemes").then().statusCode(200);
        }
        assertEquals(true, decide("xinyidai", uscc).getBoolean("eligible"));
    }

    @Test
    void decidesInBatchesKeepingOrder() {
        String a = newUscc("420103");
        ingest(entity(a, "武汉市批量示范有限公司", 1));
        given().header("Authorization", BANK).contentType("application/json")
                .body(Map.of("subjects", List.of(a, "bad", newUscc("110101")))).post("/v1/xinyi/xinyidai/eligibility")
                .then().statusCode(200).body("results", hasSize(3))
                .body("results[0].status", equalTo("decided")).body("results[0].decision.eligible", equalTo(true))
                .body("results[1].status", equalTo("invalid")).body("results[2].status", equalTo("notFound"));
    }

    @Test
    void refusesUnknownSchemesClosedSchemesAndBadCodes() {
        String uscc = newUscc("420103");
        given().get("/v1/xinyi/schemes").then().statusCode(200).body("code", hasItem("xinyiyou"))
                .body("find { it.code == 'xinyidai' }.rules", hasSize(6));
        given().header("Authorization", BANK).get("/v1/xinyi/xinyiwhat/eligibility/" + uscc).then().statusCode(404);
        given().header("Authorization", BANK).get("/v1/xinyi/xinyizu/eligibility/" + uscc).then().statusCode(403)
                .body("detail", org.hamcrest.Matchers.containsString("eligibility:xinyizu"));
        given().header("Authorization", BANK).get("/v1/xinyi/xinyidai/eligibility/123").then().statusCode(400);
        given().header("Authorization", BANK).get("/v1/xinyi/xinyidai/eligibility/" + uscc).then().statusCode(404);
        given().get("/v1/xinyi/xinyidai/eligibility/" + uscc).then().statusCode(401);
        given().header("Authorization", BANK).contentType("application/json").body(Map.of("subjects", List.of()))
                .post("/v1/xinyi/xinyidai/eligibility").then().statusCode(400);
        given().header("Authorization", "Bearer x").contentType("application/json").body("{}")
                .put("/internal/xinyi/schemes").then().statusCode(401);
        given().get("/v1/xinyi/jwks").then().statusCode(200).body("keys[0].kid", notNullValue());
    }
}
