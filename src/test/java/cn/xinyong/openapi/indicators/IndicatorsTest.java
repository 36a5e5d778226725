package cn.xinyong.openapi.indicators;

import static cn.xinyong.openapi.support.Fixtures.commitment;
import static cn.xinyong.openapi.support.Fixtures.entity;
import static cn.xinyong.openapi.support.Fixtures.ingest;
import static cn.xinyong.openapi.support.Fixtures.licence;
import static cn.xinyong.openapi.support.Fixtures.listEntry;
import static cn.xinyong.openapi.support.Fixtures.newUscc;
import static cn.xinyong.openapi.support.Fixtures.penalty;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The plans' indicators on fixtures in a district no other test uses (659001), whose values are known. */
@QuarkusTest
class IndicatorsTest {

    private static final String REGION = "659001";
    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));
    private static boolean loaded;

    private static String published(String line, String on) {
        return line.substring(0, line.length() - 2) + ",\"publishedOn\":\"" + on + "\"}}";
    }

    private static String licenceDecided(String id, String uscc, String decided, String publishedOn) {
        return published(licence(id, uscc, 1).replace("\"decisionDate\":\"2025-06-01\"", "\"decisionDate\":\"" + decided + "\""),
                publishedOn);
    }

    @BeforeEach
    synchronized void load() {
        if (loaded) {
            return;
        }
        loaded = true;
        String a = newUscc(REGION);
        String b = newUscc(REGION);
        String c = newUscc(REGION);
        String d = newUscc(REGION);
        String gone = newUscc(REGION);
        String listed = TODAY.minusMonths(2).toString();
        ingest(entity(a, "石河子市指标甲有限公司", 1, "legalPerson", "active", REGION),
                entity(b, "石河子市指标乙有限公司", 1, "legalPerson", "active", REGION),
                entity(c, "石河子市指标丙有限公司", 1, "legalPerson", "active", REGION),
                entity(d, "石河子市指标丁有限公司", 1, "legalPerson", "active", REGION),
                entity(gone, "石河子市指标戊有限公司", 1, "legalPerson", "deregistered", REGION),
                listEntry("LE-I1-" + a, a, 1, "seriousDishonesty", listed, null, null),
                listEntry("LE-I2-" + a, a, 1, "judgmentDefaulter", listed, null, null),
                listEntry("LE-I3-" + b, b, 1, "taxDishonesty", listed, null, null),
                listEntry("LE-I4-" + c, c, 1, "keyAttention", listed, null, null),
                listEntry("LE-I5-" + d, d, 1, "redList", listed, null, null),
                listEntry("LE-I6-" + d, d, 1, "seriousDishonesty", TODAY.minusYears(3).toString(),
                        TODAY.minusYears(2).toString(), null),
                commitment("C-I1-" + a, a, 1, "approvalSubstitute", "fulfilled"),
                commitment("C-I2-" + b, b, 1, "approvalSubstitute", "pending"),
                commitment("C-I3-" + b, b, 1, "creditRepair", "pending"),
                // 双公示 timeliness: 2 of 3 penalties and 1 of 2 licences within 7 working days; a 简易程序 one not counted.
                published(penalty("P-I1-" + a, a, 1, "general", "2026-09-30", "2029-09-30"), "2026-10-09"),
                published(penalty("P-I2-" + a, a, 1, "general", "2026-02-13", "2029-02-13"), "2026-02-25"),
                published(penalty("P-I3-" + b, b, 1, "serious", "2026-03-02", "2029-03-02"), "2026-03-20"),
                published(penalty("P-I4-" + b, b, 1, "simple", "2026-03-02", null), "2026-03-03"),
                penalty("P-I5-" + c, c, 1, "general", "2026-03-02", "2029-03-02"),
                licenceDecided("L-I1-" + c, c, "2026-06-18", "2026-06-30"),
                licenceDecided("L-I2-" + d, d, "2026-06-18", "2026-07-01"));
    }

    @Test
    void disclosureTimelinessCountsWorkingDaysOverall() {
        given().queryParam("region", REGION).queryParam("from", "2026-01-01").queryParam("to", "2026-11-30")
                .get("/v1/indicators/disclosure").then().statusCode(200)
                .body("deadlineWorkingDays", equalTo(7))
                .body("datasets.find { it.dataset == 'penalties' }.published", equalTo(3))
                .body("datasets.find { it.dataset == 'penalties' }.timely", equalTo(2))
                .body("datasets.find { it.dataset == 'penalties' }.rate", equalTo(0.666667f))
                .body("datasets.find { it.dataset == 'penalties' }.byDistrict", hasSize(1))
                .body("datasets.find { it.dataset == 'penalties' }.byDistrict[0].key", equalTo(REGION))
                .body("datasets.find { it.dataset == 'penalties' }.byAuthority[0].key", equalTo("武汉市市场监督管理局"))
                .body("datasets.find { it.dataset == 'licences' }.published", equalTo(2))
                .body("datasets.find { it.dataset == 'licences' }.timely", equalTo(1))
                .body("datasets.find { it.dataset == 'licences' }.rate", equalTo(0.5f));
    }

    @Test
    void aPeriodCountsOnlyTheDecisionsTakenInIt() {
        given().queryParam("region", REGION).queryParam("from", "2026-09-01").queryParam("to", "2026-10-31")
                .get("/v1/indicators/disclosure").then().statusCode(200)
                .body("from", equalTo("2026-09-01"))
                .body("datasets.find { it.dataset == 'penalties' }.published", equalTo(1))
                .body("datasets.find { it.dataset == 'penalties' }.rate", equalTo(1.0f))
                .body("datasets.find { it.dataset == 'licences' }.published", equalTo(0));
    }

    @Test
    void creditSharesCountDistinctSubjectsOverActiveEntities() {
        given().queryParam("region", REGION).get("/v1/indicators/credit").then().statusCode(200)
                .body("activeEntities", equalTo(4))
                .body("seriousDishonesty.count", equalTo(1))
                .body("seriousDishonesty.rate", equalTo(0.25f))
                .body("blackListed.count", equalTo(2))
                .body("blackListed.rate", equalTo(0.5f))
                .body("commitments.count", equalTo(2))
                .body("xinyi.target", equalTo(15))
                .body("xinyi.met", equalTo(true));
    }

    @Test
    void rejectsBadDatesAndRegions() {
        given().queryParam("from", "2026-13-01").queryParam("region", "65A").get("/v1/indicators/disclosure").then()
                .statusCode(400).contentType("application/problem+json").body("errors", hasSize(2));
        given().queryParam("from", "2026-05-01").queryParam("to", "2026-04-01").get("/v1/indicators/disclosure").then()
                .statusCode(400).body("errors[0].field", equalTo("from"));
        given().queryParam("region", "1").get("/v1/indicators/credit").then().statusCode(400);
    }
}
