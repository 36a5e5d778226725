package cn.xinyong.openapi.feeds;

import static cn.xinyong.openapi.support.Fixtures.entity;
import static cn.xinyong.openapi.support.Fixtures.ingest;
import static cn.xinyong.openapi.support.Fixtures.newUscc;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.xinyong.openapi.platform.ShiftedTimeSource;
import cn.xinyong.openapi.platform.TimeSource;
import cn.xinyong.openapi.platform.jobs.ExclusiveJobs;
import cn.xinyong.openapi.support.LocalInfraResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.junit.jupiter.api.Test;

/** Dumps for mirrors over the real servers: a signed manifest that verifies, files that match it, and recovery. */
@QuarkusTest
class DumpsTest {

    @Inject
    DumpService service;

    private static JsonPath makeDump() {
        return given().header("Authorization", "Bearer " + LocalInfraResource.INGEST_TOKEN).post("/internal/dumps")
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    void aDumpsManifestVerifiesAgainstTheJwksAndItsFilesMatchIt() throws Exception {
        String uscc = newUscc("420104");
        ingest(entity(uscc, "武汉市数据包示范有限公司", 3));
        JsonPath made = makeDump();
        assertEquals(List.of("entities", "licences", "penalties", "list-entries", "commitments"),
                made.getList("manifest.dumps.dataset"));
        JsonPath served = given().get("/v1/dumps").then().statusCode(200).extract().jsonPath();
        assertEquals(made.getString("manifest.generation"), served.getString("manifest.generation"));

        String jwks = given().get("/v1/xinyi/jwks").then().statusCode(200).extract().asString();
        JwtClaims claims = new JwtConsumerBuilder()
                .setVerificationKeyResolver(new JwksVerificationKeyResolver(new JsonWebKeySet(jwks).getJsonWebKeys()))
                .setExpectedAudience("dump-manifest").build().processToClaims(served.getString("token"));
        @SuppressWarnings("unchecked")
        Map<String, Object> signed = (Map<String, Object>) claims.getClaimValue("manifest");
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        assertEquals(json.readTree(json.writeValueAsString(served.getMap("manifest"))),
                json.readTree(json.writeValueAsString(signed)), "the token holds the manifest as served");

        for (Map<String, Object> dump : served.<Map<String, Object>>getList("manifest.dumps")) {
            String file = (String) dump.get("file");
            byte[] bytes = given().get("/v1/dumps/" + file).then().statusCode(200).contentType("application/gzip")
                    .header("ETag", equalTo("\"" + dump.get("sha256") + "\"")).extract().asByteArray();
            assertEquals(dump.get("sha256"), HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)),
                    file + " is what the manifest says");
            String text = new String(new GZIPInputStream(new ByteArrayInputStream(bytes)).readAllBytes(),
                    StandardCharsets.UTF_8);
            long lines = text.lines().filter(l -> !l.isBlank()).count();
            assertEquals(((Number) dump.get("records")).longValue(), lines, file + " holds the stated records");
            assertEquals(((Number) dump.get("bytes")).longValue(), bytes.length);
            given().queryParam("since", dump.get("feedPosition")).get("/v1/feeds/" + dump.get("dataset")).then()
                    .statusCode(200);
            if ("entities".equals(dump.get("dataset"))) {
                assertTrue(text.contains("\"uscc\":\"" + uscc + "\",\"version\":3,"), "the entity is in its dump");
            }
        }
    }

    @Test
    void aDamagedDumpIsNoticedWithdrawnAndMadeAgain() throws Exception {
        JsonPath made = makeDump();
        String file = made.getString("manifest.dumps[0].file");
        Path onDisk = Path.of("target/test-dumps", file);
        byte[] bytes = Files.readAllBytes(onDisk);
        bytes[bytes.length / 2] ^= 1;
        Files.write(onDisk, bytes);
        assertEquals(file + " does not match its SHA-256", service.verify().orElseThrow());
        given().get("/v1/dumps").then().statusCode(404).contentType("application/problem+json");
        makeDump();
        assertTrue(service.verify().isEmpty(), "a new dump is whole");
        given().get("/v1/dumps").then().statusCode(200);
    }

    @Test
    void aDumpWhoseLeaseIsLostStopsAndKeepsNothingOfItsGeneration() throws Exception {
        ingest(entity(newUscc("420105"), "武汉市租约丢失测试有限公司", 1));
        makeDump();
        // A day later (a generation of its own), the maker loses its lease after its first record.
        QuarkusMock.installMockForType(new ShiftedTimeSource(Duration.ofDays(1)), TimeSource.class);
        var served = service.current().orElseThrow();
        List<Path> before = files();
        AtomicInteger checks = new AtomicInteger();
        Throwable failure = service.make(() -> checks.incrementAndGet() <= 1)
                .onItem().<Throwable>transform(signed -> null).onFailure().recoverWithItem(e -> e)
                .await().atMost(Duration.ofSeconds(30));
        assertInstanceOf(ExclusiveJobs.LeaseLost.class, failure, "the dump stopped: " + failure);
        assertEquals(before, files(), "no file of the stopped generation is left, and no other file was touched");
        assertEquals(served, service.current().orElseThrow(), "the previous dump is still served");
    }

    private static List<Path> files() throws Exception {
        try (var files = Files.list(Path.of("target/test-dumps"))) {
            return files.sorted().toList();
        }
    }

    @Test
    void unknownFilesAndCallsWithoutTheTokenAreRefused() {
        given().get("/v1/dumps/../../pom.xml").then().statusCode(404);
        given().get("/v1/dumps/entities-20000101T000000Z.ndjson.gz").then().statusCode(404)
                .contentType("application/problem+json").body("errors[0].field", equalTo("file"));
        given().post("/internal/dumps").then().statusCode(401).contentType("application/problem+json");
    }
}
