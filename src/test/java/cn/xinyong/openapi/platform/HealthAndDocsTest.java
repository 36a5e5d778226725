package cn.xinyong.openapi.platform;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class HealthAndDocsTest {

    @Test
    void readinessReportsRedisOpenSearchAndPostgres() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("opensearch"))
                .body("checks.name", hasItem("read-model"))
                .body("checks.find { it.name == 'backends' }.data.redis", equalTo("up"))
                .body("checks.find { it.name == 'backends' }.data.postgresql", equalTo("up"))
                .body("checks.find { it.name == 'backends' }.data.degraded", equalTo(false));
        // The alerting group: down while a backend is, never part of readiness.
        given().get("/q/health/group/backends").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItem("backends"));
    }

    @Test
    void exposesPrometheusMetricsByRouteTemplate() {
        given().get("/v1/entities/" + cn.xinyong.openapi.support.Fixtures.newUscc("110101")).then().statusCode(404);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("http_server_requests_seconds_count"))
                .body(containsString("uri=\"/v1/entities/{uscc}\""));
    }

    @Test
    void echoesOrAssignsARequestId() {
        given().header("X-Request-Id", "abc-123").get("/v1/lists").then().statusCode(200)
                .header("X-Request-Id", "abc-123");
        given().header("X-Request-Id", "bad id with spaces").get("/v1/lists").then().statusCode(200)
                .header("X-Request-Id", org.hamcrest.Matchers.matchesPattern("[0-9a-f-]{36}"));
    }

    @Test
    void countsRateLimitDecisionsAndIngestOutcomes() {
        given().header("X-Forwarded-For", "192.0.2.77").get("/v1/lists").then().statusCode(200);
        cn.xinyong.openapi.support.Fixtures.ingest(cn.xinyong.openapi.support.Fixtures.entity(
                cn.xinyong.openapi.support.Fixtures.newUscc("110101"), "北京市指标测试有限公司", 1));
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("xinyong_ratelimit_decisions_total{group=\"lookups\",outcome=\"allowed\""))
                .body(containsString("xinyong_ingest_events_total{outcome=\"applied\""));
    }

    @Test
    void documentsEveryProblemType() {
        given().get("/problems/invalid-uscc").then().statusCode(200).body("status", equalTo(400));
        given().get("/problems/no-such-thing").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void publishesTheOpenApiDocument() {
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("paths.'/v1/entities/{uscc}'.get.operationId", equalTo("getEntity"))
                .body("paths.'/v1/entities'.get.operationId", equalTo("searchEntities"));
    }
}
