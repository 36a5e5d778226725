package cn.xinyong.openapi.feeds;

import static cn.xinyong.openapi.support.Fixtures.entity;
import static cn.xinyong.openapi.support.Fixtures.ingest;
import static cn.xinyong.openapi.support.Fixtures.listEntry;
import static cn.xinyong.openapi.support.Fixtures.newUscc;
import static cn.xinyong.openapi.support.Fixtures.penalty;
import static cn.xinyong.openapi.support.Fixtures.withdraw;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.xinyong.openapi.platform.ShiftedTimeSource;
import cn.xinyong.openapi.platform.TimeSource;
import cn.xinyong.openapi.readmodel.PublicationExpiry;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A mirror as the README tells one to build it: load each dataset's export, note the feed position it states, then
 * apply the change feed from there. Across upserts, withdrawals, new entries and a day change that ends a list
 * entry and a penalty's publication, it must end up equal to an export taken afterwards.
 */
@QuarkusTest
class MirrorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));
    private static final List<String> DATASETS = List.of("entities", "penalties", "list-entries");

    @Inject
    PublicationExpiry expiry;

    /** An export: its records by key, and the feed position it is consistent with. */
    record Export(Map<String, JsonNode> records, String position) {
    }

    private static Export export(String dataset) {
        Response r = given().get("/v1/exports/" + dataset + ".ndjson").then().statusCode(200).extract().response();
        String position = r.header("Feed-Position");
        assertNotNull(position, "an export states the feed position it is consistent with");
        Map<String, JsonNode> records = new TreeMap<>();
        for (String line : r.asString().split("\n")) {
            if (!line.isBlank()) {
                JsonNode record = read(line);
                records.put(record.has("uscc") ? record.path("uscc").asText() : record.path("id").asText(), record);
            }
        }
        return new Export(records, position);
    }

    /** Applies every change after the export's position, page by page, as a mirror would. */
    private static Map<String, JsonNode> follow(String dataset, Export start) {
        Map<String, JsonNode> mirror = new TreeMap<>(start.records());
        String position = start.position();
        boolean more = true;
        while (more) {
            JsonPath page = given().queryParam("since", position).queryParam("limit", 1000).get("/v1/feeds/" + dataset)
                    .then().statusCode(200).extract().jsonPath();
            for (Map<String, Object> change : page.<Map<String, Object>>getList("items")) {
                String id = (String) change.get("id");
                if ("upsert".equals(change.get("op"))) {
                    mirror.put(id, JSON.valueToTree(change.get("record")));
                } else {
                    mirror.remove(id);
                }
            }
            position = page.getString("position");
            more = page.getBoolean("more");
        }
        return mirror;
    }

    @Test
    void aMirrorBuiltFromAnExportAndTheFeedEqualsALaterExport() {
        String a = newUscc("420102");
        String b = newUscc("420102");
        ingest(entity(a, "武汉市镜像甲商贸有限公司", 1), entity(b, "武汉市镜像乙商贸有限公司", 1),
                penalty("P-M-" + a, a, 1, "general", TODAY.minusMonths(4).toString(), TODAY.toString()),
                penalty("P-M2-" + a, a, 1, "general", TODAY.minusMonths(2).toString(), TODAY.plusYears(1).toString()),
                listEntry("LE-M-" + a, a, 1, "keyAttention", TODAY.minusMonths(6).toString(), TODAY.toString(), null),
                listEntry("LE-M2-" + b, b, 1, "redList", TODAY.plusDays(1).toString(), null, null));
        Map<String, Export> exports = new TreeMap<>();
        DATASETS.forEach(d -> exports.put(d, export(d)));
        JsonNode ending = exports.get("list-entries").records().get("LE-M-" + a);
        assertEquals(1, ending.path("version").asInt(), "list entries carry their platform version");
        assertFalse(ending.has("current"), "nothing in a mirrored record changes with the date alone");
        assertEquals(1, exports.get("entities").records().get(a).path("version").asInt(), "so do entities");

        // Changes after the exports: an upsert, a withdrawal, a new entity and a new list entry.
        String c = newUscc("420102");
        ingest(entity(a, "武汉市镜像甲商贸集团有限公司", 2), withdraw("penalty", "P-M2-" + a, a, 2, "repaired"),
                entity(c, "武汉市镜像丙商贸有限公司", 1),
                listEntry("LE-M3-" + c, c, 1, "abnormalOperation", TODAY.minusDays(3).toString(), null, null));
        // The next day: the list entry's removal date and the penalty's publication end have passed.
        QuarkusMock.installMockForType(new ShiftedTimeSource(Duration.ofDays(1)), TimeSource.class);
        assertTrue(expiry.run().await().atMost(Duration.ofSeconds(30)) >= 1, "the penalty's publication ended");

        for (String dataset : DATASETS) {
            Map<String, JsonNode> mirror = follow(dataset, exports.get(dataset));
            Export later = export(dataset);
            assertEquals(later.records().keySet(), mirror.keySet(), dataset + ": the same records");
            later.records().forEach((id, record) -> assertEquals(record, mirror.get(id), dataset + " " + id));
        }
        Map<String, JsonNode> entities = export("entities").records();
        assertEquals("武汉市镜像甲商贸集团有限公司", entities.get(a).path("name").asText());
        assertTrue(entities.containsKey(c));
        Map<String, JsonNode> penalties = export("penalties").records();
        assertFalse(penalties.containsKey("P-M-" + a), "publication ended");
        assertFalse(penalties.containsKey("P-M2-" + a), "repaired");
        assertTrue(export("list-entries").records().containsKey("LE-M-" + a),
                "an ended membership stays published, unchanged: current is the reader's to compute");
    }

    @Test
    void anExportsPositionIsAFeedPositionOfItsOwnDataset() {
        String position = export("penalties").position();
        given().queryParam("since", position).get("/v1/feeds/penalties").then().statusCode(200);
        given().queryParam("since", position).get("/v1/feeds/entities").then().statusCode(400)
                .contentType("application/problem+json");
    }

    private static JsonNode read(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
