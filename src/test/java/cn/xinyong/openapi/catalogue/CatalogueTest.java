package cn.xinyong.openapi.catalogue;

import static cn.xinyong.openapi.support.Fixtures.entity;
import static cn.xinyong.openapi.support.Fixtures.ingest;
import static cn.xinyong.openapi.support.Fixtures.newUscc;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.xinyong.openapi.readmodel.Dataset;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CatalogueTest {

    @Test
    void listsEveryPublicDatasetWithItsFieldsLinksAndLastChange() {
        ingest(entity(newUscc("420105"), "武汉市目录示范有限公司", 1));
        JsonPath c = given().get("/v1/catalogue").then().statusCode(200).extract().jsonPath();
        assertEquals("公共信用信息目录", c.getString("title.zh"));
        List<String> expected = Arrays.stream(Dataset.values()).filter(Dataset::isPublic).map(Dataset::path).toList();
        assertEquals(expected, c.getList("datasets.identifier"), "every public dataset, and no private one");
        for (String id : expected) {
            String at = "datasets.find { it.identifier == '" + id + "' }.";
            Dataset d = Dataset.byPath(id).orElseThrow();
            assertEquals(d.columns(), c.getList(at + "fields.name"), id + ": its fields are its export columns");
            for (Map<String, Object> f : c.<Map<String, Object>>getList(at + "fields")) {
                assertFalse(((String) f.get("label")).isBlank(), id + "." + f.get("name") + " has a Chinese label");
            }
            assertFalse(c.getString(at + "title.zh").isBlank());
            assertFalse(c.getString(at + "title.en").isBlank());
            assertNotNull(c.getString(at + "license"));
            List<String> links = c.getList(at + "distributions.accessUrl");
            assertTrue(links.stream().anyMatch(l -> l.endsWith("/v1/feeds/" + id)), links.toString());
            assertTrue(links.stream().anyMatch(l -> l.endsWith("/v1/exports/" + id + ".csv")), links.toString());
            assertTrue(links.stream().anyMatch(l -> l.endsWith("/v1/statistics/" + id)), links.toString());
        }
        String at = "datasets.find { it.identifier == 'entities' }.";
        assertTrue(c.getLong(at + "records") >= 1);
        assertNotNull(c.getString(at + "modified"), "the last change of a dataset with records");
    }
}
