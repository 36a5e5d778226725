package cn.xinyong.openapi.ingest;

import static cn.xinyong.openapi.support.Fixtures.entity;
import static cn.xinyong.openapi.support.Fixtures.ingest;
import static cn.xinyong.openapi.support.Fixtures.newUscc;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.xinyong.openapi.support.LocalInfraResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class IngestResourceTest {

    @Test
    void refusesCallsWithoutTheIngestToken() {
        given().contentType("application/x-ndjson").body("{}\n".getBytes()).post("/internal/ingest")
                .then().statusCode(401).contentType("application/problem+json")
                .body("type", equalTo("/problems/unauthorized"));
        given().header("Authorization", "Bearer wrong").contentType("application/x-ndjson").body("{}\n".getBytes())
                .post("/internal/ingest")
                .then().statusCode(401).header("WWW-Authenticate", org.hamcrest.Matchers.startsWith("Bearer"))
                .body("type", equalTo("/problems/unauthorized"));
    }

    @Test
    void rejectsAnEmptyBody() {
        given().header("Authorization", "Bearer " + LocalInfraResource.INGEST_TOKEN).contentType("application/x-ndjson")
                .body(new byte[0]).post("/internal/ingest")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("/problems/invalid-feed"));
    }

    @Test
    void reportsMalformedLinesByNumberAndAppliesTheRest() {
        String a = newUscc("420103");
        String b = newUscc("420103");
        IngestReport report = ingest(
                entity(a, "武汉市甲乙商贸有限公司", 1),
                "{not json",
                entity(b, "武汉市丙丁商贸有限公司", 1).replace("\"industry\"", "\"colour\":\"red\",\"industry\""),
                entity(b, "武汉市丙丁商贸有限公司", 1).replace(b + "\",\"name\"", "91420103000000000X\",\"name\""),
                "{\"dataset\":\"weather\",\"op\":\"upsert\",\"id\":\"x\",\"version\":1,\"data\":{}}",
                entity(b, "武汉市丙丁商贸有限公司", 1));
        assertEquals(6, report.lines());
        assertEquals(2, report.applied());
        assertEquals(4, report.rejected());
        assertEquals(2, report.rejections().get(0).line());
        assertTrue(report.rejections().get(1).reason().contains("unknown field 'colour'"), report.rejections().toString());
        assertEquals(4, report.rejections().get(2).line());
        assertTrue(report.rejections().get(2).reason().contains("check character"), report.rejections().toString());
        assertTrue(report.rejections().get(3).reason().contains("dataset must be one of"));
        given().get("/v1/entities/" + a).then().statusCode(200);
        given().get("/v1/entities/" + b).then().statusCode(200);
    }

    @Test
    void replayingABatchChangesNothingAndOlderVersionsNeverWin() {
        String uscc = newUscc("420106");
        String v2 = entity(uscc, "武汉市新月晨曦科技有限公司", 2);
        assertEquals(1, ingest(v2).applied());
        IngestReport replay = ingest(v2, entity(uscc, "武汉市旧日黄昏贸易有限公司", 1));
        assertEquals(0, replay.applied());
        assertEquals(2, replay.stale());
        given().get("/v1/entities/" + uscc).then().statusCode(200).body("name", equalTo("武汉市新月晨曦科技有限公司"));
        given().queryParam("q", "旧日黄昏").get("/v1/entities").then().statusCode(200).body("items", hasSize(0));
        given().queryParam("q", "新月晨曦").get("/v1/entities").then().statusCode(200)
                .body("items[0].uscc", equalTo(uscc));
    }

    @Test
    void withdrawnEntityDisappearsFromLookupAndSearch() {
        String uscc = newUscc("420111");
        ingest(entity(uscc, "武汉市撤回测试贸易有限公司", 1));
        given().get("/v1/entities/" + uscc).then().statusCode(200);
        ingest(cn.xinyong.openapi.support.Fixtures.withdraw("entity", "E-" + uscc, uscc, 2, "corrected"));
        given().get("/v1/entities/" + uscc).then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("/problems/entity-not-found"));
        given().queryParam("q", uscc).get("/v1/entities").then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void listsRecentIngestRuns() {
        ingest(entity(newUscc("420102"), "武汉市记录测试有限公司", 1));
        given().header("Authorization", "Bearer " + LocalInfraResource.INGEST_TOKEN).get("/internal/ingest/runs?limit=5")
                .then().statusCode(200).body("[0].source", containsString("platform"));
    }
}
