package cn.xinyong.openapi.screening;

import static cn.xinyong.openapi.support.Fixtures.entity;
import static cn.xinyong.openapi.support.Fixtures.ingest;
import static cn.xinyong.openapi.support.Fixtures.listEntry;
import static cn.xinyong.openapi.support.Fixtures.newUscc;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ScreeningTest {

    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));
    private static final String BANK = cn.xinyong.openapi.support.Tokens.bearer(
            cn.xinyong.openapi.support.Tokens.partner("bank-1", "unlimited", "screening eligibility"));
    private static String listed;
    private static String clean;
    private static String trader;

    @BeforeEach
    synchronized void load() {
        if (listed != null) {
            return;
        }
        listed = newUscc("420103");
        clean = newUscc("420106");
        trader = newUscc("420103");
        ingest(entity(trader, "武汉市锦华（国际）贸易有限公司", 1),
                listEntry("LE-" + trader, trader, 1, "seriousDishonesty", TODAY.minusMonths(2).toString(), null, null));
        ingest(entity(listed, "武汉市江汉区鹏程万里（集团）物流有限责任公司", 1),
                entity(clean, "武汉市锦绣前程文化传媒有限公司", 1),
                listEntry("LE-" + listed, listed, 1, "judgmentDefaulter", TODAY.minusMonths(1).toString(), null, null));
    }

    private static Map<String, Object> byCode(String code) {
        return Map.of("uscc", code);
    }

    private static Map<String, Object> byName(String name) {
        return Map.of("name", name);
    }

    @Test
    void screensCodesAndNameVariantsKeepingInputOrder() {
        List<Map<String, Object>> subjects = List.of(
                byCode(listed),
                byName("鹏程万里(集团)物流有限公司"),
                byName("武汉市江汉区鹏程万里（集团）物流有限责任公司"),
                byCode("91420103MA4K0000X1"),
                byName("ＡＢＣ不存在的名字有限公司"),
                Map.of("name", "锦绣前程文化传媒有限公司", "region", "4201"),
                byCode(clean.toLowerCase()),
                Map.of("uscc", "", "name", "武汉市锦绣前程文化传媒有限公司"));
        given().header("Authorization", BANK).contentType("application/json").body(Map.of("subjects", subjects)).post("/v1/screening")
                .then().statusCode(200)
                .body("summary.subjects", equalTo(8))
                .body("results.index", equalTo(List.of(0, 1, 2, 3, 4, 5, 6, 7)))
                .body("results[7].status", equalTo("clear"))
                .body("results[0].status", equalTo("listed"))
                .body("results[0].matches[0].score", equalTo(1.0f))
                .body("results[0].matches[0].listings[0].list", equalTo("judgmentDefaulter"))
                .body("results[1].status", equalTo("listed"))
                .body("results[1].matches[0].uscc", equalTo(listed))
                .body("results[2].matches[0].score", equalTo(1.0f))
                .body("results[3].status", equalTo("invalid"))
                .body("results[3].error.field", equalTo("subjects[3].uscc"))
                .body("results[4].status", equalTo("notFound"))
                .body("results[5].status", equalTo("clear"))
                .body("results[5].matches[0].uscc", equalTo(clean))
                .body("results[6].status", equalTo("clear"))
                .body("summary.listed", equalTo(3))
                .body("summary.invalid", equalTo(1));
    }

    @Test
    void findsARegisteredNameHoweverItIsWritten() {
        List<String> spellings = List.of(
                "武汉市锦华（国际）贸易有限公司",   // exactly as registered
                "湖北省武汉市锦华(国际)贸易有限公司", // with the province before it
                "武汉市锦华(国际)贸易有限公司",     // half-width brackets
                "武汉市錦華（國際）貿易有限公司",   // traditional characters (繁体)
                "武汉市锦华（国际）贸意有限公司",   // one character slipped (易 → 意)
                "武汉市锦华（国际）贸易有限责任公司"); // the other company form
        List<Map<String, Object>> subjects = spellings.stream().map(ScreeningTest::byName).toList();
        var result = given().header("Authorization", BANK).contentType("application/json")
                .body(Map.of("subjects", subjects)).post("/v1/screening").then().statusCode(200).extract().jsonPath();
        for (int i = 0; i < spellings.size(); i++) {
            assertEquals(trader, result.getString("results[" + i + "].matches[0].uscc"), spellings.get(i));
            assertEquals("listed", result.getString("results[" + i + "].status"), spellings.get(i));
        }
        assertEquals(1.0f, result.getFloat("results[3].matches[0].score"), "the traditional spelling is the same name");
    }

    @Test
    void checksOnlyTheChosenLists() {
        given().header("Authorization", BANK).contentType("application/json").body(Map.of("subjects", List.of(byCode(listed)), "lists",
                List.of("seriousDishonesty"))).post("/v1/screening")
                .then().statusCode(200).body("results[0].status", equalTo("clear")).body("lists", hasSize(1));
    }

    @Test
    void aHighThresholdDropsSimilarNames() {
        given().header("Authorization", BANK).contentType("application/json").body(Map.of("subjects", List.of(byName("鹏程万里快递有限公司")),
                "minScore", 0.99)).post("/v1/screening")
                .then().statusCode(200).body("results[0].status", equalTo("notFound"));
    }

    @Test
    void needsAPartnerTokenWithTheScreeningScope() {
        var body = Map.of("subjects", List.of(byCode(clean)));
        given().contentType("application/json").body(body).post("/v1/screening").then().statusCode(401)
                .contentType("application/problem+json").header("WWW-Authenticate", org.hamcrest.Matchers.startsWith("Bearer"));
        for (String bad : List.of(cn.xinyong.openapi.support.Tokens.expired("bank-1"),
                cn.xinyong.openapi.support.Tokens.wrongIssuer("bank-1"),
                cn.xinyong.openapi.support.Tokens.wrongKey("bank-1"),
                cn.xinyong.openapi.support.Tokens.wrongAudience("bank-1"), "not.a.jwt")) {
            given().header("Authorization", "Bearer " + bad).contentType("application/json").body(body)
                    .post("/v1/screening").then().statusCode(401).body("type", equalTo("/problems/unauthorized"));
        }
        given().header("Authorization", cn.xinyong.openapi.support.Tokens.bearer(
                cn.xinyong.openapi.support.Tokens.partner("museum-1", "unlimited", "eligibility")))
                .contentType("application/json").body(body).post("/v1/screening").then().statusCode(403)
                .body("type", equalTo("/problems/forbidden"));
        given().header("Authorization", cn.xinyong.openapi.support.Tokens.bearer(
                cn.xinyong.openapi.support.Tokens.subject("user-1", "11010519491231002X")))
                .contentType("application/json").body(body).post("/v1/screening").then().statusCode(403);
    }

    @Test
    void rejectsEmptyOversizedAndMalformedBatches() {
        given().header("Authorization", BANK).contentType("application/json").body(Map.of("subjects", List.of())).post("/v1/screening")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("subjects"));
        List<Map<String, Object>> many = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            many.add(byCode(clean));
        }
        given().header("Authorization", BANK).contentType("application/json").body(Map.of("subjects", many)).post("/v1/screening")
                .then().statusCode(400).body("errors[0].field", equalTo("subjects"))
                .body("errors[0].message", containsString("between 1 and 1000"));
        given().header("Authorization", BANK).contentType("application/json").body(Map.of("subjects", List.of(byCode(clean)), "lists", List.of("x"),
                "minScore", 2)).post("/v1/screening").then().statusCode(400).body("errors", hasSize(2));
        given().header("Authorization", BANK).contentType("application/json").body("{\"subjects\": [").post("/v1/screening")
                .then().statusCode(400).contentType("application/problem+json");
        given().header("Authorization", BANK).contentType("application/json").body(Map.of("subjects", List.of(Map.of("uscc", clean, "name", "x"))))
                .post("/v1/screening").then().statusCode(200).body("results[0].status", equalTo("invalid"));
    }
}
