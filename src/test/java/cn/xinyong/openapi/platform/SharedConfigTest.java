package cn.xinyong.openapi.platform;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.xinyong.openapi.eligibility.SchemeCatalog;
import cn.xinyong.openapi.measures.MeasureCatalog;
import cn.xinyong.openapi.platform.config.SharedConfigStore;
import cn.xinyong.openapi.support.LocalInfraResource;
import cn.xinyong.openapi.support.LogCapture;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * Configuration every instance shares (共享配置): a revision another instance stores is put in force here within
 * the poll interval, an invalid stored one is skipped, and a replacement through the internal endpoint is stored
 * as the next revision. Each test puts the shipped document back before it ends.
 */
@QuarkusTest
class SharedConfigTest {

    private static final String AUTH = "Bearer " + LocalInfraResource.INGEST_TOKEN;
    /** The poll interval (2 s by default) with a wide margin for a loaded machine. */
    private static final Duration WITHIN = Duration.ofSeconds(15);

    @Inject
    SharedConfigStore store;

    @Inject
    MeasureCatalog measures;

    private static byte[] shippedCatalogue() throws Exception {
        return Files.readAllBytes(Path.of("src/main/resources/measures/measures.json"));
    }

    private static byte[] withVersion(byte[] catalogue, String version) {
        return new String(catalogue, StandardCharsets.UTF_8).replace("\"version\": \"2026-11-26.2\"",
                "\"version\": \"" + version + "\"").getBytes(StandardCharsets.UTF_8);
    }

    private static void waitUntil(String what, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(WITHIN);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not within " + WITHIN + ": " + what);
            }
            // a pause between checks, as Awaitility's poll interval: the condition decides, not the time
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
    }

    private static String catalogueVersion() {
        return given().get("/v1/measures").then().statusCode(200).extract().path("version");
    }

    /** Stores a document the way another instance does (validated there), and waits until this one has it. */
    private void storeAsAnotherInstance(byte[] document) {
        long revision = store.publish(MeasureCatalog.SHARED_NAME, document).await().atMost(Duration.ofSeconds(10)).revision();
        waitUntil("revision " + revision + " in force", () -> measures.revision() >= revision);
    }

    @Test
    void aRevisionAnotherInstanceStoredIsPutInForceWithinThePollInterval() throws Exception {
        byte[] shipped = shippedCatalogue();
        String version = "shared-" + System.nanoTime();
        try {
            long before = measures.revision();
            SharedConfigStore.Head stored = store.publish(MeasureCatalog.SHARED_NAME, withVersion(shipped, version))
                    .await().atMost(Duration.ofSeconds(10));
            assertTrue(stored.revision() > before, "a newer revision: " + stored.revision() + " over " + before);
            waitUntil("the other instance's revision in force", () -> measures.revision() >= stored.revision());
            assertEquals(stored.revision(), measures.revision());
            assertEquals(version, catalogueVersion(), "and answered");
        } finally {
            storeAsAnotherInstance(shipped);
        }
        assertEquals("2026-11-26.2", catalogueVersion());
    }

    @Test
    void anInvalidStoredRevisionIsSkippedAndTheNextValidOneTakesEffect() throws Exception {
        byte[] shipped = shippedCatalogue();
        String version = "after-invalid-" + System.nanoTime();
        try (LogCapture log = LogCapture.start()) {
            long invalid = store.publish(MeasureCatalog.SHARED_NAME, "{\"version\": \"broken\", \"measures\": 3}"
                    .getBytes(StandardCharsets.UTF_8)).await().atMost(Duration.ofSeconds(10)).revision();
            waitUntil("the invalid revision logged", () -> log.anyContains("shared revision " + invalid + " is invalid"));
            assertEquals("2026-11-26.2", catalogueVersion(), "the catalogue in force stays");
            assertTrue(measures.revision() < invalid);
            storeAsAnotherInstance(withVersion(shipped, version));
            assertEquals(version, catalogueVersion());
        } finally {
            storeAsAnotherInstance(shipped);
        }
    }

    @Test
    void aReplacementIsStoredAsTheNextSharedRevision() throws Exception {
        byte[] shipped = shippedCatalogue();
        byte[] changed = withVersion(shipped, "put-" + System.nanoTime());
        try {
            Response put = given().header("Authorization", AUTH).contentType("application/json").body(changed)
                    .put("/internal/measures").then().statusCode(200).extract().response();
            long revision = Long.parseLong(put.header("Config-Revision"));
            assertEquals(revision, put.jsonPath().getLong("revision"));
            SharedConfigStore.Revision stored = store.read(MeasureCatalog.SHARED_NAME).await().atMost(Duration.ofSeconds(10));
            assertEquals(revision, stored.revision());
            assertArrayEquals(changed, stored.document());
            assertEquals(SharedConfigStore.digest(changed), stored.digest());
            assertEquals(revision, measures.revision());

            given().header("Authorization", AUTH).contentType("application/json").body(changed).put("/internal/measures")
                    .then().statusCode(200).header("Config-Revision", String.valueOf(revision));
            given().header("Authorization", AUTH).contentType("application/json").body("{\"version\": 1}")
                    .put("/internal/measures").then().statusCode(400);
            assertEquals(revision, store.head(MeasureCatalog.SHARED_NAME).await().atMost(Duration.ofSeconds(10)).revision(),
                    "the same document again and an invalid one store nothing");
        } finally {
            given().header("Authorization", AUTH).contentType("application/json").body(shipped).put("/internal/measures")
                    .then().statusCode(200);
        }
    }

    @Test
    void aSchemeReplacementIsStoredAndAnsweredWithItsRevision() throws Exception {
        byte[] shipped;
        try (var in = getClass().getClassLoader().getResourceAsStream("xinyi/schemes.json")) {
            shipped = in.readAllBytes();
        }
        String revision = given().header("Authorization", AUTH).contentType("application/json").body(shipped)
                .put("/internal/xinyi/schemes").then().statusCode(200).extract().header("Config-Revision");
        SharedConfigStore.Head stored = store.head(SchemeCatalog.SHARED_NAME).await().atMost(Duration.ofSeconds(10));
        assertEquals(stored.revision(), Long.parseLong(revision));
        assertEquals(SharedConfigStore.digest(shipped), stored.digest());
    }
}
