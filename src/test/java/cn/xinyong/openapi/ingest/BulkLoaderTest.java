package cn.xinyong.openapi.ingest;

import static cn.xinyong.openapi.support.Fixtures.entity;
import static cn.xinyong.openapi.support.Fixtures.newUscc;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import cn.xinyong.openapi.readmodel.Dataset;
import cn.xinyong.openapi.readmodel.IndexManager;
import cn.xinyong.openapi.platform.search.SearchGateway;
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
}
