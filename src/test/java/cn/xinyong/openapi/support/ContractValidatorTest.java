package cn.xinyong.openapi.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.xinyong.openapi.support.ContractValidator.Exchange;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The contract check itself: it must pass what the contract allows and name what it does not. */
class ContractValidatorTest {

    private static final String PROBLEM = "application/problem+json";
    private static final String NOT_FOUND = """
            {"type":"/problems/not-found","title":"Not found","status":404,"detail":"no such entity",
             "instance":"/v1/entities/91420103088744935W"}""";

    private final ContractValidator validator = ContractValidator.INSTANCE;

    private static List<String> problems(String method, String path, int status, String type, String body) {
        return ContractValidator.INSTANCE.check(new Exchange(method, path, null, null, status, type,
                body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void passesAnAnswerTheContractDescribes() {
        assertEquals(List.of(), problems("GET", "/v1/entities/91420103088744935W", 404, PROBLEM, NOT_FOUND));
        assertEquals(List.of(), problems("DELETE", "/v1/entities/91420103088744935W", 405, PROBLEM,
                NOT_FOUND.replace("404", "405")));
        assertEquals(List.of(), problems("GET", "/q/health", 200, "application/json", "{\"status\":\"UP\"}"));
    }

    @Test
    void namesANullWhereTheContractSaysString() {
        List<String> found = problems("GET", "/v1/entities/91420103088744935W", 404, PROBLEM,
                NOT_FOUND.replace("\"no such entity\"", "null"));
        assertEquals(1, found.size(), found.toString());
        assertTrue(found.get(0).contains("/detail: null found, string expected"), found.toString());
    }

    @Test
    void namesAPropertyTheContractDoesNotDeclare() {
        List<String> found = problems("GET", "/v1/entities/91420103088744935W", 404, PROBLEM,
                NOT_FOUND.replace("{", "{\"trace\":\"at Foo.bar\","));
        assertEquals(1, found.size(), found.toString());
        assertTrue(found.get(0).contains("trace"), found.toString());
    }

    @Test
    void namesUndeclaredStatusesMediaTypesAndOperations() {
        assertTrue(problems("GET", "/v1/entities/91420103088744935W", 418, PROBLEM, NOT_FOUND).get(0)
                .contains("status 418 is not declared"));
        assertTrue(problems("GET", "/v1/entities/91420103088744935W", 404, "text/html", "<h1>404</h1>").get(0)
                .contains("media type text/html"));
        assertTrue(problems("GET", "/v1/nowhere", 200, "application/json", "{}").get(0)
                .contains("no operation GET /v1/nowhere"));
        assertTrue(problems("PUT", "/v1/lists", 405, "text/plain", "Method Not Allowed").get(0)
                .contains("without application/problem+json"));
        assertTrue(problems("GET", "/v1/lists", 200, "application/json", "").get(0).contains("empty body"));
    }

    @Test
    void checksAnAcceptedRequestBody() {
        List<String> found = validator.check(new Exchange("POST", "/v1/screening", "application/json",
                "{\"subjects\":\"not a list\"}".getBytes(StandardCharsets.UTF_8), 200, "application/json",
                "{}".getBytes(StandardCharsets.UTF_8)));
        assertTrue(found.stream().anyMatch(p -> p.startsWith("request /subjects: string found, array expected")), found.toString());
    }
}
