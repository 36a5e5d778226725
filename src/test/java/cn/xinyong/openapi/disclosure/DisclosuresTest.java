package cn.xinyong.openapi.disclosure;

import static cn.xinyong.openapi.support.Fixtures.commitment;
import static cn.xinyong.openapi.support.Fixtures.entity;
import static cn.xinyong.openapi.support.Fixtures.ingest;
import static cn.xinyong.openapi.support.Fixtures.licence;
import static cn.xinyong.openapi.support.Fixtures.newUscc;
import static cn.xinyong.openapi.support.Fixtures.penalty;
import static cn.xinyong.openapi.support.Fixtures.withdraw;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import cn.xinyong.openapi.platform.ShiftedTimeSource;
import cn.xinyong.openapi.platform.TimeSource;
import cn.xinyong.openapi.readmodel.PublicationExpiry;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DisclosuresTest {

    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));

    @Inject
    PublicationExpiry expiry;

    @Test
    void listsPublicPenaltiesNewestFirstAndHidesUnpublishedOnes() {
        String uscc = newUscc("310104");
        ingest(entity(uscc, "上海市公示测试有限公司", 1),
                penalty("P-" + uscc + "-old", uscc, 1, "general", TODAY.minusMonths(3).toString(), TODAY.plusMonths(6).toString()),
                penalty("P-" + uscc + "-new", uscc, 1, "serious", TODAY.minusDays(5).toString(), TODAY.plusYears(2).toString()),
                penalty("P-" + uscc + "-simple", uscc, 1, "simple", TODAY.minusDays(3).toString(), null),
                penalty("P-" + uscc + "-expired", uscc, 1, "general", TODAY.minusYears(1).toString(), TODAY.minusDays(1).toString()),
                penalty("P-" + uscc + "-repaired", uscc, 1, "general", TODAY.minusDays(9).toString(), TODAY.plusMonths(6).toString()),
                withdraw("penalty", "P-" + uscc + "-repaired", uscc, 2, "repaired"));
        given().queryParam("subject", uscc).get("/v1/disclosures/penalties").then().statusCode(200)
                .header("Cache-Control", "public, max-age=60")
                .body("items.id", equalTo(List.of("P-" + uscc + "-new", "P-" + uscc + "-old")))
                .body("items[0].severityLabel", equalTo("严重"))
                .body("items[0].categoryLabels[0]", equalTo("罚款"))
                .body("items[0].subjectId", equalTo(uscc))
                .body("total", equalTo(2));
        given().get("/v1/entities/" + uscc + "/penalties").then().statusCode(200).body("items", hasSize(2));
        given().queryParam("from", TODAY.minusDays(30).toString()).get("/v1/entities/" + uscc + "/penalties")
                .then().statusCode(200).body("items", hasSize(1));
    }

    @Test
    void listsLicencesAndCommitmentsWithFilters() {
        String uscc = newUscc("310115");
        ingest(entity(uscc, "上海市许可测试有限公司", 1), licence("L-" + uscc, uscc, 1),
                commitment("C-" + uscc, uscc, 1, "deficiencyAcceptance", "pending"));
        given().queryParam("subject", uscc).queryParam("category", "general").get("/v1/disclosures/licences")
                .then().statusCode(200).body("items", hasSize(1)).body("items[0].categoryLabel", equalTo("普通"));
        given().queryParam("subject", uscc).queryParam("category", "franchise").get("/v1/disclosures/licences")
                .then().statusCode(200).body("items", hasSize(0));
        given().queryParam("region", "3101").queryParam("subject", uscc).get("/v1/disclosures/commitments")
                .then().statusCode(200).body("items[0].typeLabel", equalTo("容缺受理型"))
                .body("items[0].fulfilmentLabel", equalTo("履约中"));
    }

    @Test
    void withdrawsPenaltyAfterPublicationEndWithNoEvent() {
        String uscc = newUscc("320102");
        ingest(entity(uscc, "南京市到期测试有限公司", 1),
                penalty("P-" + uscc, uscc, 1, "general", TODAY.minusMonths(6).toString(), TODAY.toString()));
        given().queryParam("subject", uscc).get("/v1/disclosures/penalties").then().body("items", hasSize(1));
        given().get("/v1/entities/" + uscc).then().body("counts.penalties", equalTo(1));

        QuarkusMock.installMockForType(new ShiftedTimeSource(Duration.ofDays(1)), TimeSource.class);
        given().queryParam("subject", uscc).get("/v1/disclosures/penalties").then().body("items", hasSize(0));
        given().get("/v1/entities/" + uscc).then().body("counts.penalties", equalTo(0));
        int marked = expiry.run().await().atMost(Duration.ofSeconds(30));
        org.junit.jupiter.api.Assertions.assertTrue(marked >= 1, "the expiry job marked " + marked);
        org.junit.jupiter.api.Assertions.assertEquals(0, expiry.run().await().atMost(Duration.ofSeconds(30)),
                "a second run finds nothing left to mark");
    }

    @Test
    void rejectsBadKindsRangesAndCategories() {
        given().get("/v1/disclosures/verdicts").then().statusCode(404).contentType("application/problem+json");
        given().queryParam("from", "2026-06-01").queryParam("to", "2026-01-01").get("/v1/disclosures/penalties")
                .then().statusCode(400).body("errors[0].field", equalTo("from"));
        given().queryParam("category", "beheading").get("/v1/disclosures/penalties").then().statusCode(400)
                .body("errors[0].field", equalTo("category"));
        given().queryParam("subject", "not-a-code").get("/v1/disclosures/licences").then().statusCode(400);
        given().queryParam("limit", 101).get("/v1/disclosures/licences").then().statusCode(400);
        given().queryParam("from", "+999999999-12-31").get("/v1/disclosures/penalties").then().statusCode(400)
                .body("errors[0].field", equalTo("from"));
    }
}
