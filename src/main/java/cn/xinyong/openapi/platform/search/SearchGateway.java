package cn.xinyong.openapi.platform.search;

import cn.xinyong.openapi.platform.problem.BackendUnavailableException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.opensearch.client.opensearch.generic.Body;
import org.opensearch.client.opensearch.generic.OpenSearchGenericClient;
import org.opensearch.client.opensearch.generic.Requests;
import org.opensearch.client.opensearch.generic.Response;

/**
 * The small surface the service needs from OpenSearch: JSON requests answered asynchronously. Client
 * and transport exceptions end here: callers see {@link SearchFailure} for an error status and
 * {@link BackendUnavailableException} when the cluster cannot be reached.
 */
@ApplicationScoped
public class SearchGateway {

    private static final String JSON = "application/json";
    private final OpenSearchGenericClient client;
    private final ObjectMapper mapper;

    /** How long a caller waits for an answer to a query (not a bulk write, a scroll or an index operation). */
    private final java.time.Duration queryTimeout;

    SearchGateway(OpenSearchGenericClient client, ObjectMapper mapper, SearchConfig config) {
        this.client = client;
        this.mapper = mapper;
        this.queryTimeout = config.queryTimeout();
    }

    /** Queries a caller waits on (an export's point in time too); bulk writes, scrolls and index administration may take longer. */
    private static boolean isQuery(String method, String endpoint) {
        return (endpoint.endsWith("/_search") || endpoint.endsWith("/_count") || endpoint.endsWith("/_mget")
                || (method.equals("POST") && endpoint.endsWith("/_search/point_in_time"))
                || (method.equals("GET") && endpoint.contains("/_doc/"))) && !endpoint.startsWith("/_search/scroll");
    }

    /** Runs a search against an alias or index and returns the raw response. */
    public Uni<JsonNode> search(String index, ObjectNode query) {
        return send("POST", "/" + index + "/_search", json(query), JSON, Map.of());
    }

    /** Sends an NDJSON bulk body; per-item results are in the response's {@code items}. */
    public Uni<JsonNode> bulk(byte[] ndjson, boolean refresh) {
        return send("POST", "/_bulk", ndjson, "application/x-ndjson",
                refresh ? Map.of("refresh", "wait_for") : Map.of());
    }

    /** One search of a multi-search: the index (or alias) and the request body. */
    public record Search(String index, ObjectNode body) {
    }

    /** Several searches in one request; the answers are in {@code responses}, in the same order. */
    public Uni<JsonNode> multiSearch(java.util.List<Search> searches) {
        java.io.ByteArrayOutputStream ndjson = new java.io.ByteArrayOutputStream();
        for (Search s : searches) {
            ndjson.writeBytes(json(mapper.createObjectNode().put("index", s.index())));
            ndjson.write('\n');
            ndjson.writeBytes(json(s.body()));
            ndjson.write('\n');
        }
        return send("POST", "/_msearch", ndjson.toByteArray(), "application/x-ndjson", Map.of());
    }

    public Uni<JsonNode> send(String method, String endpoint, ObjectNode body) {
        return send(method, endpoint, body == null ? null : json(body), JSON, Map.of());
    }

    /** As {@link #send(String, String, ObjectNode)}, with query parameters. */
    public Uni<JsonNode> send(String method, String endpoint, ObjectNode body, Map<String, String> params) {
        return send(method, endpoint, body == null ? null : json(body), JSON, params);
    }

    /**
     * Reads every document the query matches, a page ({@code hits}) at a time, in index order (a scroll),
     * each page handed to {@code eachPage} before the next is fetched; the scroll is cleared at the end.
     */
    public Uni<Void> scroll(String index, ObjectNode query, int pageSize,
            java.util.function.Function<JsonNode, Uni<?>> eachPage) {
        java.util.concurrent.atomic.AtomicReference<String> scrollId = new java.util.concurrent.atomic.AtomicReference<>();
        ObjectNode first = mapper.createObjectNode().put("size", pageSize);
        first.putArray("sort").add("_doc");
        if (query != null) {
            first.set("query", query);
        }
        return io.smallrye.mutiny.Multi.createBy().repeating().uni(() -> {
            Uni<JsonNode> page = scrollId.get() == null
                    ? send("POST", "/" + index + "/_search", first, Map.of("scroll", "2m"))
                    : send("POST", "/_search/scroll", mapper.createObjectNode().put("scroll", "2m")
                            .put("scroll_id", scrollId.get()));
            return page.flatMap(r -> {
                scrollId.set(r.path("_scroll_id").asText(null));
                JsonNode hits = r.path("hits").path("hits");
                return eachPage.apply(hits).replaceWith(hits.size());
            });
        }).until(n -> n < pageSize).collect().last()
                .eventually(() -> scrollId.get() == null ? Uni.createFrom().voidItem()
                        : send("DELETE", "/_search/scroll", mapper.createObjectNode().put("scroll_id", scrollId.get()))
                                .onFailure().recoverWithNull().replaceWithVoid())
                .replaceWithVoid();
    }

    /** True when the path exists (HEAD answered 200). */
    public Uni<Boolean> exists(String endpoint) {
        return execute("HEAD", endpoint, null, JSON, Map.of()).map(r -> r.status() == 200);
    }

    private Uni<JsonNode> send(String method, String endpoint, byte[] body, String contentType,
            Map<String, String> params) {
        return execute(method, endpoint, body, contentType, params).map(r -> {
            if (r.status() >= 300) {
                JsonNode error = r.body().path("error");
                throw new SearchFailure(r.status(), error.path("type").asText("unknown"),
                        error.path("reason").asText(r.body().toString()));
            }
            return r.body();
        });
    }

    private record Answer(int status, JsonNode body) {
    }

    private Uni<Answer> execute(String method, String endpoint, byte[] body, String contentType,
            Map<String, String> params) {
        var builder = Requests.builder().method(method).endpoint(endpoint).query(params);
        if (body != null) {
            builder.body(Body.from(body, contentType));
        }
        Uni<Response> call = Uni.createFrom().completionStage(() -> client.executeAsync(builder.build()));
        if (isQuery(method, endpoint)) {
            // A stalled node answers 503 within the timeout instead of holding the caller for the client's 10 s+.
            call = call.ifNoItem().after(queryTimeout).on(cn.xinyong.openapi.platform.CallerContext.timers())
                    .failWith(() -> new java.util.concurrent.TimeoutException("no answer within "
                            + queryTimeout.toMillis() + " ms"));
        }
        return call
                .onFailure(e -> !(e instanceof SearchFailure))
                .transform(e -> new BackendUnavailableException("OpenSearch " + method + " " + endpoint
                        + " failed: " + e.getMessage(), e))
                .map(this::read);
    }

    private Answer read(Response response) {
        try (response) {
            JsonNode body = mapper.nullNode();
            if (response.getBody().isPresent()) {
                try (Body b = response.getBody().get(); InputStream in = b.body()) {
                    byte[] bytes = in.readAllBytes();
                    if (bytes.length > 0) {
                        body = mapper.readTree(bytes);
                    }
                }
            }
            return new Answer(response.getStatus(), body);
        } catch (IOException e) {
            throw new BackendUnavailableException("could not read the OpenSearch response", e);
        }
    }

    private byte[] json(ObjectNode node) {
        try {
            return mapper.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
