package cn.xinyong.openapi.lists;

import static cn.xinyong.openapi.support.Fixtures.entity;
import static cn.xinyong.openapi.support.Fixtures.ingest;
import static cn.xinyong.openapi.support.Fixtures.listEntry;
import static cn.xinyong.openapi.support.Fixtures.newUscc;
import static cn.xinyong.openapi.support.Fixtures.withdraw;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ListsTest {

    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));

    private String listedEntity() {
        String uscc = newUscc("440106");
        ingest(entity(uscc, "广州市名单测试有限公司", 1),
                listEntry("LE-" + uscc + "-a", uscc, 1, "seriousDishonesty", TODAY.minusMonths(2).toString(),
                        TODAY.plusYears(3).toString(), null),
                listEntry("LE-" + uscc + "-b", uscc, 1, "abnormalOperation", TODAY.minusYears(2).toString(),
                        TODAY.plusYears(1).toString(), TODAY.minusYears(1).toString()),
                listEntry("LE-" + uscc + "-c", uscc, 1, "keyAttention", TODAY.minusMonths(1).toString(), null, null),
                withdraw("listEntry", "LE-" + uscc + "-c", uscc, 2, "objectionUpheld"));
        return uscc;
    }

    @Test
    void aSectorListFromTheCatalogueIsServedScreenedAndCounted() {
        String uscc = newUscc("420111");
        ingest(entity(uscc, "武汉市洪山区偷逃税款示例有限公司", 1),
                listEntry("LE-" + uscc + "-tax", uscc, 1, "taxDishonesty", TODAY.minusMonths(3).toString(),
                        TODAY.plusYears(3).toString(), null));
        long before = given().queryParam("by", "list").get("/v1/statistics/list-entries").then().statusCode(200)
                .extract().jsonPath().getLong("buckets.find { it.key == 'taxDishonesty' }.count");
        given().get("/v1/lists").then().statusCode(200)
                .body("find { it.list.code == 'taxDishonesty' }.list.name", equalTo("重大税收违法失信主体"))
                .body("find { it.list.code == 'taxDishonesty' }.list.kind", equalTo("black"))
                .body("find { it.list.code == 'taxDishonesty' }.currentEntries", greaterThanOrEqualTo(1))
                .body("find { it.list.code == 'judgmentDefaulter' }.triggeredMeasures", hasItems("P01"));
        given().queryParam("subject", uscc).get("/v1/lists/taxDishonesty/entries").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].listName", equalTo("重大税收违法失信主体"))
                .body("items[0].current", equalTo(true));
        given().header("Authorization", cn.xinyong.openapi.support.Tokens.bearer(cn.xinyong.openapi.support.Tokens.partner(
                        "bank-lists", "unlimited", "screening"))).contentType("application/json")
                .body(java.util.Map.of("subjects", List.of(java.util.Map.of("uscc", uscc)), "lists", List.of("taxDishonesty")))
                .post("/v1/screening").then().statusCode(200)
                .body("results[0].status", equalTo("listed"))
                .body("results[0].matches[0].listings[0].list", equalTo("taxDishonesty"));
        assertTrue(before >= 1, "the statistics count the sector list's entries");
        ingest(listEntry("LE-" + uscc + "-tax2", uscc, 1, "taxDishonesty", TODAY.minusMonths(1).toString(), null, null));
        given().queryParam("by", "list").get("/v1/statistics/list-entries").then().statusCode(200)
                .body("buckets.find { it.key == 'taxDishonesty' }.count", equalTo((int) before + 1));
    }

    @Test
    void catalogueDescribesEveryListWithCounts() {
        listedEntity();
        given().get("/v1/lists").then().statusCode(200)
                .body("list.code", hasItems("redList", "seriousDishonesty", "keyAttention", "judgmentDefaulter",
                        "abnormalOperation"))
                .body("find { it.list.code == 'seriousDishonesty' }.list.name", equalTo("严重失信主体名单"))
                .body("find { it.list.code == 'judgmentDefaulter' }.list.restrictsHighConsumption", equalTo(true))
                .body("find { it.list.code == 'seriousDishonesty' }.currentEntries", greaterThanOrEqualTo(1));
    }

    @Test
    void entityMembershipsSplitCurrentAndPastAndHideWithdrawn() {
        String uscc = listedEntity();
        given().get("/v1/entities/" + uscc + "/lists").then().statusCode(200)
                .body("current", hasSize(1)).body("current[0].list", equalTo("seriousDishonesty"))
                .body("current[0].current", equalTo(true))
                .body("past", hasSize(1)).body("past[0].list", equalTo("abnormalOperation"));
        // The membership answer has every field the list's own entries answer has (no nulls for what the list fills).
        var own = given().get("/v1/entities/" + uscc + "/lists").then().extract().jsonPath();
        var listed = given().queryParam("subject", uscc).get("/v1/lists/seriousDishonesty/entries").then().statusCode(200)
                .extract().jsonPath();
        for (String field : java.util.List.of("subjectId", "subjectName", "legalBasis", "authority", "reason")) {
            org.junit.jupiter.api.Assertions.assertEquals(listed.getString("items[0]." + field),
                    own.getString("current[0]." + field), field);
            if (!field.equals("legalBasis")) {
                org.junit.jupiter.api.Assertions.assertNotNull(own.getString("current[0]." + field), field);
            }
        }
        given().get("/v1/entities/" + newUscc("440106") + "/lists").then().statusCode(404);
        given().get("/v1/entities/123/lists").then().statusCode(400).body("type", equalTo("/problems/invalid-uscc"));
    }

    @Test
    void entriesFilterByStateSubjectAndDates() {
        String uscc = listedEntity();
        given().queryParam("subject", uscc).get("/v1/lists/seriousDishonesty/entries").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].subjectId", equalTo(uscc));
        given().queryParam("subject", uscc).queryParam("state", "removed").get("/v1/lists/abnormalOperation/entries")
                .then().statusCode(200).body("items", hasSize(1));
        given().queryParam("subject", uscc).queryParam("state", "active").get("/v1/lists/abnormalOperation/entries")
                .then().statusCode(200).body("items", hasSize(0));
        given().queryParam("subject", uscc).get("/v1/lists/keyAttention/entries").then().statusCode(200)
                .body("items", hasSize(0));
        given().queryParam("region", "4401").queryParam("state", "active").queryParam("limit", 50)
                .get("/v1/lists/seriousDishonesty/entries").then().statusCode(200)
                .body("items.current", everyItem(equalTo(true)));
        given().queryParam("listedFrom", TODAY.plusDays(1).toString()).queryParam("subject", uscc)
                .get("/v1/lists/seriousDishonesty/entries").then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void rejectsUnknownListsAndBadFilters() {
        given().get("/v1/lists/purpleList/entries").then().statusCode(404).contentType("application/problem+json");
        given().queryParam("listedFrom", "2026-05-01").queryParam("listedTo", "2026-01-01")
                .get("/v1/lists/redList/entries").then().statusCode(400).body("errors[0].field", equalTo("listedFrom"));
        given().queryParam("listedFrom", "yesterday").queryParam("state", "sleeping").queryParam("subject", "X")
                .get("/v1/lists/redList/entries").then().statusCode(400).body("errors", hasSize(3));
        given().queryParam("cursor", "forged.cursor").get("/v1/lists/redList/entries").then().statusCode(400)
                .body("type", equalTo("/problems/invalid-cursor"));
    }
}
