package cn.xinyong.openapi.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.oas.OpenApi31;
import io.restassured.filter.FilterContext;
import io.restassured.filter.OrderedFilter;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks every answer a REST Assured test receives (and every JSON body it sends that the service accepts)
 * against the committed contract, {@code openapi/openapi.json}: the operation must exist, the status must be
 * declared, the media type must be one the operation declares for that status, and a JSON body must match
 * its schema (JSON Schema 2020-12 in the OpenAPI 3.1 dialect, formats asserted, no undeclared properties).
 * A drift fails the test that saw it, with the operation and the schema's complaints.
 *
 * <p>Outside the contract on purpose: Quarkus's own endpoints under {@code /q/} and the docs page. HTTP-layer
 * refusals that any operation can give (405, 406, 413, 414, 415, 431) need not be declared per operation but
 * must still be problem+json.
 */
public final class ContractValidator implements OrderedFilter {

    private static final Set<Integer> HTTP_LAYER = Set.of(405, 406, 413, 414, 415, 431);
    private static final String COMPONENTS = "#/components/schemas/";
    private static final String UNDER_TEST = "x-under-test";
    private static final Pattern PARAM = Pattern.compile("\\{[^}]+}");
    public static final ContractValidator INSTANCE = new ContractValidator(Path.of("openapi/openapi.json"));

    private final ObjectMapper mapper = new ObjectMapper();
    private final JsonNode contract;
    private final List<Route> routes = new ArrayList<>();
    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            b -> b.metaSchema(OpenApi31.getInstance()).defaultMetaSchemaIri(OpenApi31.getInstance().getIri()));
    private final SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true)
            .locale(Locale.ENGLISH).build();
    private final Map<String, JsonSchema> schemas = new ConcurrentHashMap<>();

    ContractValidator(Path document) {
        try {
            contract = mapper.readTree(Files.readString(document));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        contract.path("paths").fields().forEachRemaining(p -> routes.add(new Route(p.getKey())));
        // A concrete path wins over a templated one (OpenAPI 3.1, Paths Object): more literal characters first.
        routes.sort(Comparator.comparingInt(Route::literalLength).reversed());
    }

    @Override
    public int getOrder() {
        return LOWEST_PRECEDENCE;
    }

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification responseSpec,
            FilterContext ctx) {
        Response response = ctx.next(request, responseSpec);
        Object sent = request.getBody();
        Exchange exchange = new Exchange(request.getMethod(), URI.create(request.getURI()).getRawPath(),
                request.getContentType(), sent instanceof byte[] bytes ? bytes
                        : sent == null ? null : sent.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                response.getStatusCode(), response.getContentType(), response.asByteArray());
        List<String> problems = check(exchange);
        if (!problems.isEmpty()) {
            String body = response.asString();
            throw new AssertionError("The answer drifted from openapi/openapi.json\n  " + request.getMethod() + " "
                    + request.getURI() + " -> " + response.getStatusCode() + " " + response.getContentType() + "\n  "
                    + String.join("\n  ", problems) + "\n  body: "
                    + (body.length() > 600 ? body.substring(0, 600) + "…" : body));
        }
        return response;
    }

    /** One request and its answer, as the validator sees them. */
    public record Exchange(String method, String path, String requestContentType, byte[] requestBody, int status,
            String contentType, byte[] body) {
    }

    /** The contract's complaints about one exchange; empty when it matches. */
    public List<String> check(Exchange response) {
        String path = response.path();
        if (path.startsWith("/q/") || path.equals("/docs") || path.startsWith("/docs/")) {
            return List.of();
        }
        String method = response.method().toLowerCase(Locale.ROOT);
        int status = response.status();
        List<String> problems = new ArrayList<>();
        Route route = routes.stream().filter(r -> r.matches(path)).findFirst().orElse(null);
        JsonNode operation = route == null ? null : contract.path("paths").path(route.template).path(
                "head".equals(method) ? "get" : method);
        if (operation == null || operation.isMissingNode()) {
            if (status < 400) {
                problems.add("no operation " + method.toUpperCase(Locale.ROOT) + " " + path + " in the contract");
            } else {
                expectProblem(response, problems);
            }
            return problems;
        }
        String where = "/paths/" + escape(route.template) + "/" + ("head".equals(method) ? "get" : method);
        JsonNode declared = operation.path("responses").path(String.valueOf(status));
        String declaredAt = where + "/responses/" + status;
        if (declared.isMissingNode()) {
            declared = operation.path("responses").path(status / 100 + "XX");
            declaredAt = where + "/responses/" + status / 100 + "XX";
        }
        if (declared.isMissingNode()) {
            declared = operation.path("responses").path("default");
            declaredAt = where + "/responses/default";
        }
        if (declared.isMissingNode()) {
            if (HTTP_LAYER.contains(status)) {
                expectProblem(response, problems);
            } else {
                problems.add("status " + status + " is not declared for " + where);
            }
            return problems;
        }
        checkBody(response, declared, declaredAt, "head".equals(method), problems);
        if (status < 300) {
            checkRequestBody(response, operation, where, problems);
        }
        return problems;
    }

    private void checkBody(Exchange response, JsonNode declared, String at, boolean head, List<String> problems) {
        byte[] body = response.body();
        String contentType = response.contentType();
        JsonNode content = declared.path("content");
        if (body.length == 0 || head) {
            // NDJSON of no records is empty, and valid: an export of a dataset with no public record.
            boolean emptyNdjson = content.has("application/x-ndjson") && contentType != null
                    && contentType.startsWith("application/x-ndjson");
            if (!head && content.size() > 0 && response.status() != 304 && response.status() != 204 && !emptyNdjson) {
                problems.add("empty body where " + at + " declares " + names(content));
            }
            return;
        }
        if (content.isEmpty()) {
            problems.add("a body (" + contentType + ") where " + at + " declares none");
            return;
        }
        String mediaType = mediaType(contentType);
        JsonNode media = content.path(mediaType);
        String mediaAt = at + "/content/" + escape(mediaType);
        if (media.isMissingNode()) {
            Map.Entry<String, JsonNode> wildcard = wildcard(content, mediaType);
            if (wildcard == null) {
                problems.add("media type " + mediaType + " where " + at + " declares " + names(content));
                return;
            }
            media = wildcard.getValue();
            mediaAt = at + "/content/" + escape(wildcard.getKey());
        }
        if (!media.has("schema") || !isJson(mediaType)) {
            return;
        }
        JsonNode value;
        try {
            value = mapper.readTree(gunzipped(body));
        } catch (IOException e) {
            problems.add("not JSON although " + mediaType + ": " + e.getMessage());
            return;
        }
        validate(mediaAt + "/schema", value, "response", problems);
    }

    private void checkRequestBody(Exchange exchange, JsonNode operation, String where, List<String> problems) {
        byte[] sent = exchange.requestBody();
        if (sent == null || sent.length == 0 || exchange.requestContentType() == null) {
            return;
        }
        String mediaType = mediaType(exchange.requestContentType());
        if (!isJson(mediaType)) {
            return;
        }
        JsonNode content = operation.path("requestBody").path("content");
        if (!content.has(mediaType)) {
            problems.add("request media type " + mediaType + " is not declared at " + where + "/requestBody ("
                    + names(content) + ")");
            return;
        }
        if (!content.path(mediaType).has("schema")) {
            return;
        }
        try {
            JsonNode value = mapper.readTree(sent);
            validate(where + "/requestBody/content/" + escape(mediaType) + "/schema", value, "request", problems);
        } catch (IOException e) {
            problems.add("the accepted request body is not JSON: " + e.getMessage());
        }
    }

    private void expectProblem(Exchange response, List<String> problems) {
        if (!"application/problem+json".equals(mediaType(response.contentType()))) {
            problems.add("an error without application/problem+json (" + response.contentType() + ")");
            return;
        }
        try {
            validate("/components/schemas/Problem", mapper.readTree(response.body()), "problem", problems);
        } catch (IOException e) {
            problems.add("problem body is not JSON: " + e.getMessage());
        }
    }

    private void validate(String pointer, JsonNode value, String what, List<String> problems) {
        JsonSchema schema = schemas.computeIfAbsent(pointer, this::schemaAt);
        for (ValidationMessage m : schema.validate(value)) {
            problems.add(what + " " + m.getMessage() + " (schema "
                    + pointer + m.getEvaluationPath().toString().replaceFirst("^\\$", "") + ")");
        }
    }

    /**
     * The schema at a JSON pointer of the contract, as a standalone schema: the document's component schemas
     * travel with it as {@code $defs} (references rewritten to match); every object schema refuses properties
     * it does not declare (what a strictly typed generated client does).
     */
    private JsonSchema schemaAt(String pointer) {
        JsonNode node = contract.at(pointer);
        if (node.isMissingNode()) {
            throw new IllegalStateException("no schema at " + pointer);
        }
        ObjectNode defs = mapper.createObjectNode();
        contract.path("components").path("schemas").fields()
                .forEachRemaining(e -> defs.set(e.getKey(), closed(e.getValue().deepCopy())));
        defs.set(UNDER_TEST, closed(node.deepCopy()));
        ObjectNode root = mapper.createObjectNode();
        root.put("$schema", OpenApi31.getInstance().getIri());
        root.put("$ref", "#/$defs/" + UNDER_TEST);
        root.set("$defs", defs);
        return factory.getSchema(root, config);
    }

    /**
     * Marks every object schema with declared properties as closed (additionalProperties: false) and points
     * references to components at {@code $defs}.
     */
    private static JsonNode closed(JsonNode node) {
        if (node instanceof ObjectNode object) {
            JsonNode ref = object.get("$ref");
            if (ref != null && ref.isTextual() && ref.asText().startsWith(COMPONENTS)) {
                object.put("$ref", "#/$defs/" + ref.asText().substring(COMPONENTS.length()));
            }
            if (object.has("properties") && !object.has("additionalProperties")
                    && !object.has("unevaluatedProperties")) {
                object.put("additionalProperties", false);
            }
            Iterator<JsonNode> children = object.elements();
            while (children.hasNext()) {
                closed(children.next());
            }
        } else if (node.isArray()) {
            node.forEach(ContractValidator::closed);
        }
        return node;
    }

    /** A body the test asked to keep compressed (Content-Encoding: gzip), as the client would read it. */
    private static byte[] gunzipped(byte[] body) {
        if (body.length < 2 || (body[0] & 0xff) != 0x1f || (body[1] & 0xff) != 0x8b) {
            return body;
        }
        try (java.util.zip.GZIPInputStream in = new java.util.zip.GZIPInputStream(
                new java.io.ByteArrayInputStream(body))) {
            return in.readAllBytes();
        } catch (IOException e) {
            return body;
        }
    }

    private static Map.Entry<String, JsonNode> wildcard(JsonNode content, String mediaType) {
        Iterator<Map.Entry<String, JsonNode>> it = content.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            if (key.equals("*/*") || (key.endsWith("/*") && mediaType.startsWith(key.substring(0, key.length() - 1)))) {
                return e;
            }
        }
        return null;
    }

    private static boolean isJson(String mediaType) {
        return mediaType.equals("application/json") || mediaType.endsWith("+json");
    }

    private static String mediaType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return "";
        }
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }

    private static String names(JsonNode content) {
        List<String> names = new ArrayList<>();
        content.fieldNames().forEachRemaining(names::add);
        return names.isEmpty() ? "no body" : String.join(", ", names);
    }

    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    /** One path template of the contract as a matcher over raw request paths. */
    private static final class Route {
        final String template;
        final Pattern pattern;
        final int literalLength;

        Route(String template) {
            this.template = template;
            StringBuilder regex = new StringBuilder();
            Matcher m = PARAM.matcher(template);
            int last = 0;
            while (m.find()) {
                regex.append(Pattern.quote(template.substring(last, m.start()))).append("[^/]+");
                last = m.end();
            }
            regex.append(Pattern.quote(template.substring(last)));
            this.pattern = Pattern.compile(regex.toString());
            this.literalLength = PARAM.matcher(template).replaceAll("").length();
        }

        boolean matches(String path) {
            return pattern.matcher(path).matches() || pattern.matcher(stripSlash(path)).matches();
        }

        int literalLength() {
            return literalLength;
        }

        private static String stripSlash(String path) {
            return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        }
    }
}
