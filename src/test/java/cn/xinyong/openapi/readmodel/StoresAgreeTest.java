package cn.xinyong.openapi.readmodel;

import static cn.xinyong.openapi.support.Fixtures.entity;
import static cn.xinyong.openapi.support.Fixtures.ingest;
import static cn.xinyong.openapi.support.Fixtures.newUscc;
import static cn.xinyong.openapi.support.Fixtures.penalty;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.xinyong.openapi.ingest.IngestReport;
import cn.xinyong.openapi.support.LocalInfraResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** A record lands in both stores or in neither. */
@QuarkusTest
class StoresAgreeTest {

    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));

    @Test
    void anOverLongKeywordIsRejectedInBothStores() {
        String uscc = newUscc("440106");
        ingest(entity(uscc, "广州市超长字段测试有限公司", 1));
        String longIndustry = "批发".repeat(20_000);
        IngestReport report = ingest(entity(uscc, "广州市超长字段测试有限公司", 2).replace("\"industry\":\"商贸\"",
                "\"industry\":\"" + longIndustry + "\""),
                penalty("PL-" + uscc, uscc, 1, "general", TODAY.minusDays(5).toString(), TODAY.plusYears(1).toString())
                        .replace("\"violationType\":\"虚假宣传\"", "\"violationType\":\"" + "假".repeat(12_000) + "\""));
        assertEquals(2, report.rejected(), report.toString());
        assertTrue(report.rejections().get(0).reason().contains("industry is longer than"), report.toString());
        assertTrue(report.rejections().get(1).reason().contains("violationType is longer than"), report.toString());

        given().get("/v1/entities/" + uscc).then().statusCode(200).body("industry", equalTo("商贸"))
                .body("counts.penalties", equalTo(0));
        given().queryParam("subject", uscc).get("/v1/disclosures/penalties").then().statusCode(200)
                .body("items", hasSize(0));
        given().queryParam("q", uscc).get("/v1/entities").then().statusCode(200).body("items[0].uscc", equalTo(uscc));
    }

    @Test
    void anOversizedBatchIsRefusedBeforeAnythingIsApplied() {
        String uscc = newUscc("440106");
        StringBuilder body = new StringBuilder(entity(uscc, "广州市超大批次测试有限公司", 1)).append('\n');
        String filler = entity(newUscc("440106"), "广州市填充有限公司", 1) + "\n";
        while (body.length() < 3 * 1024 * 1024) {
            body.append(filler);
        }
        given().header("Authorization", "Bearer " + LocalInfraResource.INGEST_TOKEN)
                .contentType("application/x-ndjson").body(body.toString().getBytes(StandardCharsets.UTF_8))
                .post("/internal/ingest").then().statusCode(413).contentType("application/problem+json")
                .body("type", equalTo("/problems/payload-too-large")).body("detail", containsString("nothing was applied"));
        given().get("/v1/entities/" + uscc).then().statusCode(404);
    }
}
