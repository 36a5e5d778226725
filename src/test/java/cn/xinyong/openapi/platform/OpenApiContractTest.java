package cn.xinyong.openapi.platform;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The committed contract (openapi/) must be what the code serves. After an intended API change, run
 * {@code ./mvnw test -Dtest=OpenApiContractTest -Dopenapi.update=true} and commit the new files.
 */
@QuarkusTest
class OpenApiContractTest {

    private static final Path COMMITTED = Path.of("openapi/openapi.json");
    private final ObjectMapper mapper = new ObjectMapper();

    private JsonNode served() throws Exception {
        return mapper.readTree(given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .extract().asString());
    }

    @Test
    void committedContractMatchesTheCode() throws Exception {
        JsonNode served = served();
        if (Boolean.getBoolean("openapi.update")) {
            Files.writeString(COMMITTED, mapper.writerWithDefaultPrettyPrinter().writeValueAsString(served) + "\n");
            Files.writeString(Path.of("openapi/openapi.yaml"),
                    given().get("/q/openapi").then().statusCode(200).extract().asString());
        }
        JsonNode committed = mapper.readTree(Files.readString(COMMITTED));
        assertEquals(committed, served, "openapi/ drifted from the code: run ./mvnw test -Dtest=OpenApiContractTest "
                + "-Dopenapi.update=true and commit the result");
    }

    @Test
    void everyPublicOperationIsDocumented() throws Exception {
        JsonNode doc = served();
        assertEquals("3.1.0", doc.path("openapi").asText());
        List<String> problems = new ArrayList<>();
        doc.path("paths").fields().forEachRemaining(p -> p.getValue().fields().forEachRemaining(op -> {
            String where = op.getKey().toUpperCase() + " " + p.getKey();
            JsonNode o = op.getValue();
            if (!o.hasNonNull("operationId")) {
                problems.add(where + ": no operationId");
            }
            if (!o.hasNonNull("summary")) {
                problems.add(where + ": no summary");
            }
            if (!o.path("tags").isArray() || o.path("tags").isEmpty()) {
                problems.add(where + ": no tag");
            }
            if (p.getKey().startsWith("/v1/") && !o.path("responses").has("429")) {
                problems.add(where + ": no 429");
            }
        }));
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        assertFalse(doc.path("components").path("securitySchemes").path("jwt").isMissingNode());
        doc.path("tags").forEach(t -> assertTrue(t.hasNonNull("description"), "tag without description: " + t));
    }
}
