package cn.xinyong.openapi.statistics;

import static cn.xinyong.openapi.support.Fixtures.entity;
import static cn.xinyong.openapi.support.Fixtures.ingest;
import static cn.xinyong.openapi.support.Fixtures.listEntry;
import static cn.xinyong.openapi.support.Fixtures.newUscc;
import static cn.xinyong.openapi.support.Fixtures.penalty;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

@QuarkusTest
class StatisticsTest {

    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));

    @Test
    void countsPublicRecordsByListRegionAuthorityAndMonth() {
        String uscc = newUscc("500103");
        ingest(entity(uscc, "重庆市统计示范有限公司", 1, "legalPerson", "active", "500103"),
                listEntry("LE-" + uscc, uscc, 1, "keyAttention", TODAY.minusDays(3).toString(), null, null),
                penalty("P-" + uscc, uscc, 1, "general", TODAY.minusDays(3).toString(), TODAY.plusMonths(6).toString()),
                penalty("P-" + uscc + "-s", uscc, 1, "simple", TODAY.minusDays(3).toString(), null));
        given().queryParam("by", "list").get("/v1/statistics/list-entries").then().statusCode(200)
                .header("Cache-Control", "public, max-age=300")
                .body("buckets.key", hasItem("keyAttention"))
                .body("buckets.find { it.key == 'keyAttention' }.count", greaterThanOrEqualTo(1));
        given().queryParam("by", "region").queryParam("level", "province").get("/v1/statistics/penalties").then()
                .statusCode(200).body("buckets.key", hasItem("50"));
        given().queryParam("by", "month").get("/v1/statistics/penalties").then().statusCode(200)
                .body("buckets.key", hasItem(TODAY.minusDays(3).toString().substring(0, 7)));
        given().queryParam("by", "authority").get("/v1/statistics/penalties").then().statusCode(200)
                .body("buckets.key", hasItem("武汉市市场监督管理局")).body("by", equalTo("authority"));
    }

    @Test
    void countsOnlyRecordsInForceOrWithinADateRangeWhenAsked() {
        String district = "659002"; // no other test uses it: its bucket holds only these entries
        String uscc = newUscc(district);
        ingest(listEntry("LE-S1-" + uscc, uscc, 1, "abnormalOperation", TODAY.minusMonths(1).toString(), null, null),
                listEntry("LE-S2-" + uscc, uscc, 1, "abnormalOperation", TODAY.minusYears(3).toString(),
                        TODAY.minusYears(1).toString(), null),
                listEntry("LE-S3-" + uscc, uscc, 1, "redList", TODAY.plusDays(1).toString(), null, null));
        String bucket = "buckets.find { it.key == '" + district + "' }.count";
        given().queryParam("by", "region").queryParam("level", "district").get("/v1/statistics/list-entries").then()
                .statusCode(200).body("state", equalTo("all")).body(bucket, equalTo(3));
        given().queryParam("by", "region").queryParam("level", "district").queryParam("state", "current")
                .get("/v1/statistics/list-entries").then().statusCode(200)
                .body("state", equalTo("current")).body(bucket, equalTo(1));
        given().queryParam("by", "region").queryParam("level", "district")
                .queryParam("from", TODAY.minusMonths(2).toString()).queryParam("to", TODAY.plusDays(5).toString())
                .get("/v1/statistics/list-entries").then().statusCode(200)
                .body("from", equalTo(TODAY.minusMonths(2).toString())).body(bucket, equalTo(2));
        given().queryParam("by", "list").queryParam("state", "someday").queryParam("from", "2026-02-30")
                .get("/v1/statistics/list-entries").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.containsInAnyOrder("state", "from"));
    }

    @Test
    void rejectsUnknownDimensionsAndDatasets() {
        given().queryParam("by", "list").get("/v1/statistics/penalties").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("by"));
        given().queryParam("by", "region").queryParam("level", "street").get("/v1/statistics/penalties").then()
                .statusCode(400);
        given().queryParam("by", "month").get("/v1/statistics/weather").then().statusCode(404);
    }
}
