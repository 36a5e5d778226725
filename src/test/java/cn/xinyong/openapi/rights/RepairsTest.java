package cn.xinyong.openapi.rights;

import static cn.xinyong.openapi.support.Fixtures.entity;
import static cn.xinyong.openapi.support.Fixtures.ingest;
import static cn.xinyong.openapi.support.Fixtures.listEntry;
import static cn.xinyong.openapi.support.Fixtures.newUscc;
import static cn.xinyong.openapi.support.Fixtures.penalty;
import static cn.xinyong.openapi.support.Fixtures.residentId;
import static cn.xinyong.openapi.support.Fixtures.withdraw;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import cn.xinyong.openapi.platform.ShiftedTimeSource;
import cn.xinyong.openapi.platform.TimeSource;
import cn.xinyong.openapi.support.LocalInfraResource;
import cn.xinyong.openapi.support.Tokens;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** 信用修复 over the real servers: the periods as the API states them, and an application gated by its date. */
@QuarkusTest
class RepairsTest {

    private static final String INTERNAL = "Bearer " + LocalInfraResource.INGEST_TOKEN;
    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));

    private static ValidatableResponse apply(String uscc, String dataset, String recordId, int status) {
        return given().header("Authorization", Tokens.bearer(Tokens.organisation(uscc))).contentType("application/json")
                .body(Map.of("dataset", dataset, "recordId", recordId, "commitment", "本单位承诺已纠正失信行为并履行处罚决定",
                        "evidence", List.of("罚款缴纳凭证 2026-0001")))
                .post("/v1/repairs").then().statusCode(status);
    }

    private static String sector(String line, String sector) {
        return line.replace("\"severity\":", "\"sector\":\"" + sector + "\",\"severity\":");
    }

    @Test
    void aRepairIsRefusedBeforeItsDateAndAcceptedAfterThenTheRecordIsWithdrawnAsRepaired() {
        String uscc = newUscc("420103");
        String recent = "PN-R-" + uscc;
        LocalDate decided = TODAY.minusMonths(3).plusDays(20);
        ingest(entity(uscc, "武汉市修复测试有限公司", 1),
                penalty(recent, uscc, 1, "general", decided.toString(), TODAY.plusYears(1).toString()));
        String token = Tokens.bearer(Tokens.organisation(uscc));
        given().header("Authorization", token).get("/v1/repairs/eligibility").then().statusCode(200)
                .body("subject", equalTo(uscc))
                .body("records.find { it.recordId == '" + recent + "' }.repairableNow", equalTo(false))
                .body("records.find { it.recordId == '" + recent + "' }.earliest", equalTo(decided.plusMonths(3).toString()));
        apply(uscc, "penalty", recent, 409).contentType("application/problem+json")
                .body("errors[0].field", equalTo("recordId"))
                .body("detail", containsString("may be repaired from " + decided.plusMonths(3)));

        QuarkusMock.installMockForType(new ShiftedTimeSource(Duration.ofDays(21)), TimeSource.class);
        String number = apply(uscc, "penalty", recent, 201).body("number", startsWith("XF-"))
                .body("kind", equalTo("repair")).extract().path("number");
        apply(uscc, "penalty", recent, 409);
        for (String step : List.of("accepted", "verifying", "upheld")) {
            given().header("Authorization", INTERNAL).contentType("application/json").body(Map.of("status", step))
                    .post("/internal/applications/" + number + "/status").then().statusCode(200);
        }
        given().header("Authorization", token).get("/v1/repairs/" + number).then().statusCode(200)
                .body("status", equalTo("upheld"));
        given().header("Authorization", token).get("/v1/repairs").then().statusCode(200).body("number", hasItem(number));
        ingest(withdraw("penalty", recent, uscc, 2, "repaired"));
        given().header("Authorization", token).get("/v1/repairs/eligibility").then().statusCode(200)
                .body("records.recordId", not(hasItem(recent)));
    }

    @Test
    void theIndicatorsCountEveryApplicationAndItsOutcome() {
        io.restassured.path.json.JsonPath before = given().get("/v1/indicators/rights").then().statusCode(200)
                .extract().jsonPath();
        String uscc = newUscc("420103");
        String old = "PN-I-" + uscc;
        ingest(entity(uscc, "武汉市指标测试有限公司", 1),
                penalty(old, uscc, 1, "general", TODAY.minusMonths(5).toString(), TODAY.plusYears(1).toString()));
        String number = apply(uscc, "penalty", old, 201).extract().path("number");
        for (String step : List.of("accepted", "verifying", "upheld")) {
            given().header("Authorization", INTERNAL).contentType("application/json").body(Map.of("status", step))
                    .post("/internal/applications/" + number + "/status").then().statusCode(200);
        }
        io.restassured.path.json.JsonPath after = given().get("/v1/indicators/rights").then().statusCode(200)
                .extract().jsonPath();
        org.junit.jupiter.api.Assertions.assertEquals(before.getLong("repairs.filed") + 1, after.getLong("repairs.filed"));
        org.junit.jupiter.api.Assertions.assertEquals(before.getLong("repairs.upheld") + 1, after.getLong("repairs.upheld"));
        for (String kind : List.of("repairs", "objections")) {
            org.junit.jupiter.api.Assertions.assertEquals(after.getLong(kind + ".filed"),
                    after.getLong(kind + ".open") + after.getLong(kind + ".decided"), kind);
            org.junit.jupiter.api.Assertions.assertEquals(after.getLong(kind + ".decided"), after.getLong(kind + ".upheld")
                    + after.getLong(kind + ".refused") + after.getLong(kind + ".dismissed"), kind);
        }
        double rate = after.getDouble("repairPassRate");
        org.junit.jupiter.api.Assertions.assertEquals((double) after.getLong("repairs.upheld")
                / after.getLong("repairs.decided"), rate, 1e-9);
        org.junit.jupiter.api.Assertions.assertTrue(after.getLong("publishedRecords") > 0);
        org.junit.jupiter.api.Assertions.assertTrue(after.getDouble("repairs.medianHoursToDecision") >= 0);
    }

    @Test
    void theLongerMinimumAndTheListsTermsAreStated() {
        String uscc = newUscc("420103");
        String safety = "PN-S-" + uscc;
        LocalDate decided = TODAY.minusMonths(6);
        ingest(entity(uscc, "武汉市安全生产修复测试有限公司", 1),
                sector(penalty(safety, uscc, 1, "serious", decided.toString(), TODAY.plusYears(2).toString()), "workSafety"),
                listEntry("LE-R-" + uscc, uscc, 1, "judgmentDefaulter", TODAY.minusMonths(2).toString(), null, null));
        given().header("Authorization", Tokens.bearer(Tokens.organisation(uscc))).get("/v1/repairs/eligibility")
                .then().statusCode(200)
                .body("records.find { it.recordId == '" + safety + "' }.earliest", equalTo(decided.plusYears(1).toString()))
                .body("records.find { it.recordId == '" + safety + "' }.requirements.size()", equalTo(3))
                .body("records.find { it.recordId == 'LE-R-" + uscc + "' }.repairableNow", equalTo(false));
        apply(uscc, "penalty", safety, 409).body("detail", containsString(decided.plusYears(1).toString()));
        apply(uscc, "listEntry", "LE-R-" + uscc, 409).body("detail", containsString("court"));
        apply(newUscc("420103"), "penalty", safety, 403);
        given().header("Authorization", Tokens.bearer(Tokens.subject("app-user-repair", residentId())))
                .get("/v1/repairs/eligibility").then().statusCode(403);
    }
}
