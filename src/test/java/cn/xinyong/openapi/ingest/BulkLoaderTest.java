package cn.xinyong.openapi.ingest;

import static cn.xinyong.openapi.support.Fixtures.entity;
import static cn.xinyong.openapi.support.Fixtures.ingest;
import static cn.xinyong.openapi.support.Fixtures.newUscc;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.xinyong.openapi.platform.search.SearchGateway;
import cn.xinyong.openapi.readmodel.Dataset;
import cn.xinyong.openapi.readmodel.IndexManager;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

@QuarkusTest
class BulkLoaderTest {

    @Inject
    BulkLoader loader;
    @Inject
    IndexManager indices;
    @Inject
    SearchGateway search;

    private String indexBehind(Dataset dataset) {
        JsonNode aliases = search.send("GET", "/_alias/" + indices.alias(dataset), null).await().atMost(Duration.ofSeconds(10));
        assertEquals(1, aliases.size(), aliases.toString());
        return aliases.fieldNames().next();
    }

    @Test
    void rebuildLoadsAFreshIndexAndSwapsTheAliasAtomically() throws Exception {
        String before = indexBehind(Dataset.ENTITY);
        String uscc = newUscc("500103");
        Path file = Files.createTempFile("feed", ".ndjson.gz");
        try (Writer w = new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(file)), StandardCharsets.UTF_8)) {
            w.write(entity(uscc, "重庆市重建测试实业有限公司", 1) + "\n");
            w.write("{broken\n");
        }
        int exit = loader.run("--rebuild", file.toString());
        assertEquals(1, exit, "a rejected line makes the loader exit non-zero");
        String after = indexBehind(Dataset.ENTITY);
        assertNotEquals(before, after);
        assertFalse(search.exists("/" + before).await().atMost(Duration.ofSeconds(10)), "old index deleted");
        given().queryParam("q", "重建测试实业").get("/v1/entities").then().statusCode(200)
                .body("items[0].uscc", equalTo(uscc));
        Files.delete(file);
    }

    @Test
    void rebuildRemovesRecordsAbsentFromTheFileFromBothStores() throws Exception {
        String gone = newUscc("500103");
        String kept = newUscc("500103");
        ingest(entity(gone, "重庆市将被移除实业有限公司", 1), entity(kept, "重庆市保留实业有限公司", 1));
        given().get("/v1/entities/" + gone).then().statusCode(200);
        Path file = Files.createTempFile("feed", ".ndjson");
        Files.writeString(file, entity(kept, "重庆市保留实业有限公司", 2) + "\n");

        assertEquals(0, loader.run("--rebuild", file.toString()));
        given().get("/v1/entities/" + gone).then().statusCode(404);
        assertEquals("corrected", lastChange("entities", gone).path("reason").asText(),
                "a mirror is told that the record absent from the file is gone");
        given().queryParam("q", "将被移除实业").get("/v1/entities").then().statusCode(200).body("items", hasSize(0));
        given().get("/v1/entities/" + kept).then().statusCode(200);
        Files.delete(file);
    }

    @Test
    void aBrokenFileIsNamedWithWhatWasReadAndTheRebuildLeavesNothingBehind() throws Exception {
        String before = indexBehind(Dataset.ENTITY);
        String uscc = newUscc("500103");
        Path file = Files.createTempFile("broken", ".ndjson.gz");
        java.io.ByteArrayOutputStream whole = new java.io.ByteArrayOutputStream();
        try (Writer w = new OutputStreamWriter(new GZIPOutputStream(whole), StandardCharsets.UTF_8)) {
            for (int i = 0; i < 2000; i++) {
                w.write(entity(newUscc("500103"), "重庆市截断测试实业有限公司", 1) + "\n");
            }
        }
        byte[] bytes = whole.toByteArray();
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int exit = loader.run(new java.io.PrintStream(new java.io.ByteArrayOutputStream()),
                new java.io.PrintStream(err, true, StandardCharsets.UTF_8), "--rebuild", file.toString());
        String message = err.toString(StandardCharsets.UTF_8);
        assertEquals(3, exit, message);
        assertTrue(message.contains(file.toString()) && message.contains("unreadable after line"), message);
        assertTrue(message.contains("rebuild abandoned"), message);
        assertEquals(before, indexBehind(Dataset.ENTITY), "the live indices are untouched");
        JsonNode all = search.send("GET", "/_cat/indices/" + indices.alias(Dataset.ENTITY) + "*?format=json", null)
                .await().atMost(Duration.ofSeconds(10));
        assertEquals(1, all.size(), "no orphan index is left: " + all);
        given().get("/v1/entities/" + uscc).then().statusCode(404);
        Files.delete(file);
    }

    /** The last change of a record in a feed, followed from the beginning. */
    private static JsonNode lastChange(String dataset, String id) throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        JsonNode found = null;
        String position = null;
        for (int guard = 0; guard < 1000; guard++) {
            var request = given().queryParam("limit", 1000);
            if (position != null) {
                request.queryParam("since", position);
            }
            JsonNode page = mapper.readTree(request.get("/v1/feeds/" + dataset).then().statusCode(200).extract().asString());
            for (JsonNode item : page.path("items")) {
                if (id.equals(item.path("id").asText())) {
                    found = item;
                }
            }
            position = page.path("position").asText();
            if (!page.path("more").asBoolean()) {
                return found;
            }
        }
        throw new AssertionError("feed did not end");
    }
}
