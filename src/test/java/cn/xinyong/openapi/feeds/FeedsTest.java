package cn.xinyong.openapi.feeds;

import static cn.xinyong.openapi.support.Fixtures.commitment;
import static cn.xinyong.openapi.support.Fixtures.entity;
import static cn.xinyong.openapi.support.Fixtures.ingest;
import static cn.xinyong.openapi.support.Fixtures.newUscc;
import static cn.xinyong.openapi.support.Fixtures.penalty;
import static cn.xinyong.openapi.support.Fixtures.withdraw;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class FeedsTest {

    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));
    private final ObjectMapper mapper = new ObjectMapper();

    /** Follows the feed from the beginning (or a position), applying changes to a copy. */
    private String follow(String dataset, String since, Map<String, JsonNode> mirror) throws Exception {
        String position = since;
        for (int guard = 0; guard < 1000; guard++) {
            var request = given().queryParam("limit", 7);
            if (position != null) {
                request.queryParam("since", position);
            }
            JsonNode page = mapper.readTree(request.get("/v1/feeds/" + dataset).then().statusCode(200).extract().asString());
            for (JsonNode item : page.path("items")) {
                String id = item.path("id").asText();
                if ("upsert".equals(item.path("op").asText())) {
                    mirror.put(id, item.path("record"));
                } else {
                    assertEquals("withdraw", item.path("op").asText());
                    mirror.remove(id);
                }
            }
            position = page.path("position").asText();
            if (!page.path("more").asBoolean()) {
                return position;
            }
        }
        throw new AssertionError("feed did not end");
    }

    private Map<String, JsonNode> export(String dataset) throws Exception {
        String body = given().get("/v1/exports/" + dataset).then().statusCode(200)
                .contentType(startsWith("application/x-ndjson")).extract().asString();
        Map<String, JsonNode> out = new HashMap<>();
        for (String line : body.split("\n")) {
            if (!line.isBlank()) {
                JsonNode n = mapper.readTree(line);
                out.put(n.path("id").asText(), n);
            }
        }
        return out;
    }

    @Test
    void aMirrorFollowingTheFeedEndsIdenticalToTheExport() throws Exception {
        String uscc = newUscc("330106");
        ingest(entity(uscc, "杭州市镜像测试有限公司", 1),
                penalty("P-" + uscc + "-1", uscc, 1, "general", TODAY.minusMonths(1).toString(), TODAY.plusMonths(5).toString()),
                penalty("P-" + uscc + "-2", uscc, 1, "serious", TODAY.minusMonths(2).toString(), TODAY.plusYears(1).toString()),
                penalty("P-" + uscc + "-3", uscc, 1, "simple", TODAY.minusDays(2).toString(), null),
                penalty("P-" + uscc + "-4", uscc, 1, "general", TODAY.minusYears(1).toString(), TODAY.minusDays(3).toString()));
        Map<String, JsonNode> mirror = new HashMap<>();
        String position = follow("penalties", null, mirror);
        assertTrue(mirror.containsKey("P-" + uscc + "-1"));
        assertFalse(mirror.containsKey("P-" + uscc + "-3"), "simple-procedure penalties are never published");
        assertFalse(mirror.containsKey("P-" + uscc + "-4"), "expired penalties are withdrawn");
        assertEquals(export("penalties"), mirror);

        // Later changes: a repair and a correction arrive; the mirror continues from its position.
        ingest(withdraw("penalty", "P-" + uscc + "-2", uscc, 2, "repaired"),
                penalty("P-" + uscc + "-1", uscc, 2, "general", TODAY.minusMonths(1).toString(), TODAY.plusMonths(9).toString()));
        follow("penalties", position, mirror);
        assertFalse(mirror.containsKey("P-" + uscc + "-2"));
        assertEquals(2, mirror.get("P-" + uscc + "-1").path("version").asInt());
        assertEquals(export("penalties"), mirror);
    }

    @Test
    void reportsWithdrawalsWithTheirReason() throws Exception {
        String uscc = newUscc("330106");
        ingest(commitment("C-" + uscc, uscc, 1, "creditRepair", "fulfilled"),
                withdraw("commitment", "C-" + uscc, uscc, 2, "corrected"));
        Map<String, JsonNode> mirror = new HashMap<>();
        String position = follow("commitments", null, mirror);
        assertFalse(mirror.containsKey("C-" + uscc));
        JsonPath tail = given().queryParam("since", position).get("/v1/feeds/commitments").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(0, tail.getList("items").size(), "nothing new after the end");
        assertEquals(position, tail.getString("position"), "the position stays put when nothing changed");
    }

    @Test
    void exportsCsvWithHeaderAndQuoting() {
        String uscc = newUscc("350203");
        ingest(commitment("C-" + uscc, uscc, 1, "voluntaryDisclosure", "pending"));
        byte[] bytes = given().get("/v1/exports/commitments.csv").then().statusCode(200)
                .contentType(org.hamcrest.Matchers.allOf(startsWith("text/csv"), org.hamcrest.Matchers.containsStringIgnoringCase("charset=utf-8")))
                .header("Content-Disposition", containsString("commitments.csv")).extract().asByteArray();
        // Excel (zh-CN) reads a CSV as GBK unless it starts with the UTF-8 byte order mark EF BB BF.
        assertEquals(List.of((byte) 0xEF, (byte) 0xBB, (byte) 0xBF), List.of(bytes[0], bytes[1], bytes[2]));
        String csv = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(csv.startsWith("\uFEFFid,version,subjectId,subjectName,type,content,"), csv.substring(0, 80));
        assertTrue(csv.contains("C-" + uscc + ",1," + uscc + ",测试,voluntaryDisclosure,\"承诺内容, 含逗号和\"\"引号\"\"\""), csv);
    }

    @Test
    void streamsGzippedExports() throws Exception {
        String uscc = newUscc("350203");
        ingest(commitment("C-" + uscc, uscc, 1, "voluntaryDisclosure", "fulfilled"));
        byte[] gz = given().get("/v1/exports/commitments.csv.gz").then().statusCode(200)
                .contentType(startsWith("application/gzip"))
                .header("Content-Disposition", containsString("commitments.csv.gz")).extract().asByteArray();
        String csv = new String(new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gz)).readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(csv.startsWith("\uFEFFid,version,subjectId,"), csv.substring(0, Math.min(60, csv.length())));
        assertTrue(csv.contains("C-" + uscc + ",1,"));
        byte[] ndjson = given().get("/v1/exports/commitments.ndjson.gz").then().statusCode(200).extract().asByteArray();
        String lines = new String(new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(ndjson)).readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8);
        String plain = given().get("/v1/exports/commitments").then().statusCode(200).extract().asString();
        assertEquals(plain, lines, "the gzipped export holds exactly the plain export");
    }

    @Test
    void compressesJsonAnswersWhenAsked() {
        given().config(io.restassured.RestAssured.config().decoderConfig(
                io.restassured.config.DecoderConfig.decoderConfig().noContentDecoders()))
                .header("Accept-Encoding", "gzip").get("/v1/lists").then().statusCode(200)
                .header("Content-Encoding", equalTo("gzip"));
    }

    @Test
    void rejectsForgedOrForeignPositionsAndUnknownDatasets() {
        String position = given().get("/v1/feeds/licences?limit=1").then().statusCode(200).extract().path("position");
        given().queryParam("since", position).get("/v1/feeds/penalties").then().statusCode(400)
                .body("type", equalTo("/problems/invalid-cursor"));
        given().queryParam("since", "eyJmIjoiIiwicCI6WzFdfQ.AAAA").get("/v1/feeds/licences").then().statusCode(400);
        given().get("/v1/feeds/gossip").then().statusCode(404).contentType("application/problem+json");
        given().get("/v1/exports/gossip").then().statusCode(404);
        given().get("/v1/exports/licences.xlsx").then().statusCode(404);
        given().get("/v1/feeds/licences?limit=5000").then().statusCode(400);
    }
}
