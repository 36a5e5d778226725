package cn.xinyong.openapi.entity;

import static cn.xinyong.openapi.support.Fixtures.entity;
import static cn.xinyong.openapi.support.Fixtures.ingest;
import static cn.xinyong.openapi.support.Fixtures.licence;
import static cn.xinyong.openapi.support.Fixtures.listEntry;
import static cn.xinyong.openapi.support.Fixtures.newUscc;
import static cn.xinyong.openapi.support.Fixtures.penalty;
import static cn.xinyong.openapi.support.Fixtures.withdraw;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

@QuarkusTest
class EntityResourceTest {

    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));

    @Test
    void returnsTheProfileWithGradeListsAndPublicCounts() {
        String uscc = newUscc("420103");
        ingest(entity(uscc, "武汉市恒泰商贸有限公司", 1),
                licence("L-" + uscc + "-1", uscc, 1),
                licence("L-" + uscc + "-2", uscc, 1),
                penalty("P-" + uscc + "-public", uscc, 1, "general", TODAY.minusMonths(2).toString(),
                        TODAY.plusMonths(4).toString()),
                penalty("P-" + uscc + "-simple", uscc, 1, "simple", TODAY.minusDays(10).toString(), null),
                penalty("P-" + uscc + "-expired", uscc, 1, "general", TODAY.minusMonths(14).toString(),
                        TODAY.minusDays(1).toString()),
                penalty("P-" + uscc + "-repaired", uscc, 1, "serious", TODAY.minusMonths(3).toString(),
                        TODAY.plusYears(1).toString()),
                withdraw("penalty", "P-" + uscc + "-repaired", uscc, 2, "repaired"),
                listEntry("LE-" + uscc + "-red", uscc, 1, "redList", TODAY.minusMonths(1).toString(),
                        TODAY.plusYears(2).toString(), null),
                listEntry("LE-" + uscc + "-gone", uscc, 1, "abnormalOperation", TODAY.minusYears(1).toString(), null,
                        TODAY.minusMonths(2).toString()));

        given().get("/v1/entities/" + uscc).then().statusCode(200)
                .contentType("application/json")
                .header("Cache-Control", "public, max-age=60")
                .header("ETag", notNullValue())
                .body("uscc", equalTo(uscc))
                .body("name", equalTo("武汉市恒泰商贸有限公司"))
                .body("kindLabel", equalTo("法人"))
                .body("statusLabel", equalTo("存续"))
                .body("creditGrade.grade", equalTo("A"))
                .body("lists", hasSize(1))
                .body("lists[0].list", equalTo("redList"))
                .body("lists[0].listName", equalTo("守信红名单"))
                .body("counts.licences", equalTo(2))
                .body("counts.penalties", equalTo(1))
                .body("dataAsOf", notNullValue());
    }

    @Test
    void answersNotModifiedForACurrentETagAndANewTagAfterAChange() {
        String uscc = newUscc("420103");
        ingest(entity(uscc, "武汉市缓存测试有限公司", 1));
        String etag = given().get("/v1/entities/" + uscc).then().statusCode(200).extract().header("ETag");
        given().header("If-None-Match", etag).get("/v1/entities/" + uscc).then().statusCode(304).header("ETag", etag);
        ingest(licence("L-" + uscc, uscc, 1));
        given().header("If-None-Match", etag).get("/v1/entities/" + uscc).then().statusCode(200)
                .header("ETag", not(equalTo(etag))).body("counts.licences", equalTo(1));
    }

    @Test
    void acceptsALowerCaseCode() {
        String uscc = newUscc("420103");
        ingest(entity(uscc, "武汉市小写测试有限公司", 1));
        given().get("/v1/entities/" + uscc.toLowerCase()).then().statusCode(200).body("uscc", equalTo(uscc));
    }

    @Test
    void rejectsCodeWithWrongCheckDigit() {
        String uscc = newUscc("420103");
        char wrong = uscc.charAt(17) == '0' ? '1' : '0';
        given().get("/v1/entities/" + uscc.substring(0, 17) + wrong).then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("/problems/invalid-uscc"))
                .body("errors[0].field", equalTo("uscc"))
                .body("detail", containsString("check character"));
    }

    @Test
    void rejectsCodesOfWrongLengthOrAlphabet() {
        given().get("/v1/entities/9142010312345").then().statusCode(400)
                .body("detail", containsString("18 characters"));
        given().get("/v1/entities/91420103MA4KIO0000").then().statusCode(400)
                .body("detail", containsString("not allowed"));
    }

    @Test
    void unknownEntityIsNotFound() {
        given().get("/v1/entities/" + newUscc("110101")).then().statusCode(404)
                .contentType("application/problem+json").body("type", equalTo("/problems/entity-not-found"));
    }

    @Test
    void unknownRoutesAndMethodsAnswerProblems() {
        given().get("/v1/nowhere").then().statusCode(404).contentType("application/problem+json");
        given().delete("/v1/entities/" + newUscc("110101")).then().statusCode(405)
                .contentType("application/problem+json");
    }
}
