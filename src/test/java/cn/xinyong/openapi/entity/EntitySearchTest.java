package cn.xinyong.openapi.entity;

import static cn.xinyong.openapi.support.Fixtures.entity;
import static cn.xinyong.openapi.support.Fixtures.ingest;
import static cn.xinyong.openapi.support.Fixtures.newUscc;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class EntitySearchTest {

    private static final List<String> pagingCodes = new ArrayList<>();
    private static String exact;
    private static String shop;
    private static String traditional;
    private static String hongKong;

    @BeforeEach
    synchronized void load() {
        if (exact != null) {
            return;
        }
        exact = newUscc("420103");
        shop = newUscc("440305");
        List<String> lines = new ArrayList<>();
        lines.add(entity(exact, "武汉市瑞祥翠微商贸有限公司", 1));
        traditional = newUscc("420103");
        lines.add(entity(traditional, "武汉市华美(国际)贸易有限公司", 1));
        hongKong = newUscc("420106");
        lines.add(entity(hongKong, "香港長榮海運(武漢)有限公司", 1));
        lines.add(entity(newUscc("420106"), "武汉市瑞祥翠微物流有限公司", 1));
        lines.add(entity(shop, "南山区瑞祥翠微便利店", 1, "individualBusiness", "deregistered", "440305"));
        for (int i = 0; i < 25; i++) {
            String code = newUscc("330106");
            pagingCodes.add(code);
            lines.add(entity(code, "杭州市麒麟翔宇第" + i + "科技有限公司", 1));
        }
        ingest(lines.toArray(String[]::new));
    }

    @Test
    void findsByFullName() {
        given().queryParam("q", "武汉市瑞祥翠微商贸有限公司").get("/v1/entities").then().statusCode(200)
                .body("items[0].uscc", equalTo(exact));
    }

    @Test
    void traditionalAndSimplifiedCharactersFindTheSameEntity() {
        // A name registered in simplified characters, asked for in traditional ones (繁体), and the other way round.
        given().queryParam("q", "武汉市華美(國際)貿易有限公司").get("/v1/entities").then().statusCode(200)
                .body("items[0].uscc", equalTo(traditional)).body("items[0].name", equalTo("武汉市华美(国际)贸易有限公司"));
        given().queryParam("q", "长荣海运").get("/v1/entities").then().statusCode(200)
                .body("items[0].uscc", equalTo(hongKong)).body("items[0].name", equalTo("香港長榮海運(武漢)有限公司"));
    }

    @Test
    void findsByPartialName() {
        given().queryParam("q", "瑞祥翠微").get("/v1/entities").then().statusCode(200)
                .body("items", hasSize(3)).body("total", equalTo(3)).body("next", nullValue());
    }

    @Test
    void aCodeTypedIntoTheQueryFindsThatEntity() {
        given().queryParam("q", " " + exact.toLowerCase() + " ").get("/v1/entities").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].uscc", equalTo(exact));
    }

    @Test
    void filtersByRegionKindAndStatus() {
        given().queryParam("q", "瑞祥翠微").queryParam("region", "4201").get("/v1/entities").then().statusCode(200)
                .body("items", hasSize(2)).body("items.regionCode", everyItem(org.hamcrest.Matchers.startsWith("4201")));
        given().queryParam("q", "瑞祥翠微").queryParam("kind", "individualBusiness").get("/v1/entities").then()
                .statusCode(200).body("items", hasSize(1)).body("items[0].uscc", equalTo(shop));
        given().queryParam("q", "瑞祥翠微").queryParam("status", "active").get("/v1/entities").then()
                .statusCode(200).body("items", hasSize(2)).body("items.uscc", hasItem(exact));
    }

    @Test
    void pagesThroughEveryMatchOnceWithCursors() {
        List<String> seen = new ArrayList<>();
        String next = "/v1/entities?q=" + "麒麟翔宇" + "&limit=7";
        int pages = 0;
        while (next != null) {
            URI uri = URI.create(next);
            String path = uri.getRawPath() + "?" + uri.getRawQuery();
            JsonPath page = given().urlEncodingEnabled(false).get(path).then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("items.uscc", String.class));
            next = page.getString("next");
            pages++;
            if (pages > 10) {
                break;
            }
        }
        assertEquals(4, pages);
        assertEquals(25, seen.size());
        assertEquals(new HashSet<>(pagingCodes), new HashSet<>(seen));
    }

    @Test
    void rejectsACursorFromAnotherQueryOrAForgedOne() {
        String next = given().queryParam("q", "麒麟翔宇").queryParam("limit", 5).get("/v1/entities").then()
                .statusCode(200).extract().jsonPath().getString("next");
        assertNotNull(next);
        String cursor = next.substring(next.indexOf("cursor=") + 7);
        given().urlEncodingEnabled(false).get("/v1/entities?q=%E7%91%9E%E7%A5%A5&cursor=" + cursor).then()
                .statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("/problems/invalid-cursor"));
        String forged = cursor.substring(0, cursor.indexOf('.')) + ".AAAAAAAAAAAAAAAA";
        given().queryParam("q", "麒麟翔宇").queryParam("cursor", forged).get("/v1/entities").then()
                .statusCode(400).body("type", equalTo("/problems/invalid-cursor"));
        given().queryParam("q", "麒麟翔宇").queryParam("cursor", "garbage").get("/v1/entities").then()
                .statusCode(400).body("type", equalTo("/problems/invalid-cursor"));
    }

    @Test
    void rejectsEmptyOversizeAndBadParameters() {
        given().get("/v1/entities").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("q"));
        given().queryParam("q", "   ").get("/v1/entities").then().statusCode(400);
        given().queryParam("q", "很".repeat(51)).get("/v1/entities").then().statusCode(400)
                .body("errors[0].field", equalTo("q"));
        given().queryParam("q", "商贸").queryParam("limit", 0).get("/v1/entities").then().statusCode(400)
                .body("errors[0].field", equalTo("limit"));
        given().queryParam("q", "商贸").queryParam("limit", "ten").get("/v1/entities").then().statusCode(400);
        given().queryParam("q", "商贸").queryParam("region", "42a").queryParam("kind", "alien").get("/v1/entities")
                .then().statusCode(400).body("errors", hasSize(2));
    }
}
