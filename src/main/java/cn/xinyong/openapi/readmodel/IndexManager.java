package cn.xinyong.openapi.readmodel;

import cn.xinyong.openapi.platform.config.ClasspathResources;
import cn.xinyong.openapi.platform.search.SearchConfig;
import cn.xinyong.openapi.platform.search.SearchFailure;
import cn.xinyong.openapi.platform.search.SearchGateway;
import cn.xinyong.openapi.platform.text.SimplifiedFolding;
import cn.xinyong.openapi.readmodel.Dataset;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Versioned indices behind aliases. Each dataset is read and written through the alias
 * {@code <prefix><dataset>}; the index behind it is named with its creation time. A full rebuild
 * loads a fresh index and then swaps the alias to it in one atomic request, deleting the old one.
 */
@ApplicationScoped
public class IndexManager {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");
    private final SearchGateway gateway;
    private final SearchConfig config;
    private final ObjectMapper mapper;
    private final AtomicBoolean ready = new AtomicBoolean();

    private final cn.xinyong.openapi.platform.TimeSource time;

    IndexManager(SearchGateway gateway, SearchConfig config, ObjectMapper mapper, cn.xinyong.openapi.platform.TimeSource time) {
        this.time = time;
        this.gateway = gateway;
        this.config = config;
        this.mapper = mapper;
    }

    public String alias(Dataset dataset) {
        return config.indexPrefix() + dataset.indexName();
    }

    /** Every alias, comma-separated: a search over the whole read model. */
    public String allAliases() {
        return String.join(",", Dataset.indexed().stream().map(this::alias).toList());
    }

    /** The dataset a concrete index (or alias) belongs to. */
    public java.util.Optional<Dataset> datasetOf(String index) {
        return Dataset.byIndex(config.indexPrefix(), index);
    }

    /** True once every alias exists; queries answer 503 before that. */
    public boolean ready() {
        return ready.get();
    }

    void onStart(@Observes StartupEvent event) {
        try {
            ensureAll().await().atMost(Duration.ofSeconds(60));
        } catch (RuntimeException e) {
            Log.warnf("search indices not ready at start (%s); retrying in the background", e.getMessage());
        }
    }

    @Scheduled(every = "10s", delayed = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> retryUntilReady() {
        if (ready.get()) {
            return Uni.createFrom().voidItem();
        }
        return ensureAll().onFailure().invoke(e -> Log.warnf("search indices still not ready: %s", e.getMessage()))
                .onFailure().recoverWithNull();
    }

    /** Creates a missing alias (with a fresh index behind it) for every dataset. */
    public Uni<Void> ensureAll() {
        return Multi.createFrom().iterable(Dataset.indexed())
                .onItem().transformToUniAndConcatenate(this::ensure)
                .collect().last()
                .invoke(() -> ready.set(true))
                .replaceWithVoid();
    }

    private Uni<Void> ensure(Dataset dataset) {
        String alias = alias(dataset);
        return gateway.exists("/_alias/" + alias).flatMap(exists -> {
            if (exists) {
                return Uni.createFrom().voidItem();
            }
            return createIndex(dataset, false).flatMap(index -> {
                ObjectNode body = mapper.createObjectNode();
                body.putArray("actions").addObject().putObject("add").put("index", index).put("alias", alias)
                        .put("is_write_index", true);
                return gateway.send("POST", "/_aliases", body).invoke(
                        () -> Log.infof("created index %s behind alias %s", index, alias));
            }).replaceWithVoid();
        });
    }

    /**
     * Creates a new, empty index for a dataset (not yet behind the alias) and returns its name. For a
     * bulk load it starts without refreshes or replicas; {@link #finishBulkLoad} restores them.
     */
    public Uni<String> createIndex(Dataset dataset, boolean forBulkLoad) {
        String index = alias(dataset) + "-" + ZonedDateTime.ofInstant(time.now(), ZoneOffset.UTC).format(STAMP);
        ObjectNode definition = definition(dataset);
        ObjectNode settings = (ObjectNode) definition.with("settings");
        settings.put("number_of_replicas", forBulkLoad ? 0 : config.replicas());
        if (forBulkLoad) {
            settings.put("refresh_interval", "-1");
        }
        return gateway.send("PUT", "/" + index, definition).replaceWith(index);
    }

    /**
     * Points every alias at its new index alone, in one atomic request for all of them, then deletes the
     * indices that were behind them before.
     */
    public Uni<Void> swapAliases(Map<Dataset, String> newIndices) {
        java.util.Set<String> ours = new java.util.HashSet<>(newIndices.keySet().stream().map(this::alias).toList());
        return gateway.send("GET", "/_alias/" + config.indexPrefix() + "*", null)
                .onFailure(SearchFailure.class).recoverWithItem(mapper.createObjectNode())
                .flatMap(current -> {
                    List<String> old = new ArrayList<>();
                    ObjectNode body = mapper.createObjectNode();
                    var actions = body.putArray("actions");
                    current.fields().forEachRemaining(e -> {
                        if (!newIndices.containsValue(e.getKey())) {
                            e.getValue().path("aliases").fieldNames().forEachRemaining(alias -> {
                                if (ours.contains(alias)) {
                                    actions.addObject().putObject("remove").put("index", e.getKey()).put("alias", alias);
                                    if (!old.contains(e.getKey())) {
                                        old.add(e.getKey());
                                    }
                                }
                            });
                        }
                    });
                    newIndices.forEach((d, index) -> actions.addObject().putObject("add").put("index", index)
                            .put("alias", alias(d)).put("is_write_index", true));
                    Log.infof("swapping aliases from %s to %s", old, newIndices.values());
                    return gateway.send("POST", "/_aliases", body).replaceWith(old);
                })
                .flatMap(old -> deleteIndices(old));
    }

    /** Deletes indices (not aliases); nothing to do for an empty list. */
    public Uni<Void> deleteIndices(java.util.Collection<String> names) {
        if (names.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return gateway.send("DELETE", "/" + String.join(",", names), null)
                .invoke(() -> Log.infof("deleted indices %s", names)).replaceWithVoid();
    }

    /** Restores the normal refresh interval and replicas of a bulk-loaded index and refreshes it. */
    public Uni<Void> finishBulkLoad(String index) {
        ObjectNode body = mapper.createObjectNode();
        body.putObject("index").put("refresh_interval", "1s").put("number_of_replicas", config.replicas());
        return gateway.send("PUT", "/" + index + "/_settings", body)
                .flatMap(x -> gateway.send("POST", "/" + index + "/_refresh", null)).replaceWithVoid();
    }

    /** Makes recent writes visible to searches (tests and the end of a bulk load). */
    public Uni<Void> refresh() {
        return gateway.send("POST", "/" + config.indexPrefix() + "*/_refresh", null).replaceWithVoid();
    }

    private static List<String> indexNames(JsonNode aliasResponse) {
        List<String> names = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = aliasResponse.fields();
        fields.forEachRemaining(e -> names.add(e.getKey()));
        return names;
    }

    private ObjectNode definition(Dataset dataset) {
        String resource = "opensearch/" + dataset.indexName() + ".json";
        try {
            ObjectNode definition = (ObjectNode) mapper.readTree(ClasspathResources.bytes(resource));
            foldTraditionalNames(definition);
            return definition;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Gives the names' analyzer the traditional-to-simplified character filter ({@link SimplifiedFolding}): names
     * and queries in either script meet in the same bigrams, at index and at query time.
     */
    private void foldTraditionalNames(ObjectNode definition) {
        JsonNode analysis = definition.path("settings").path("analysis");
        if (analysis.path("analyzer").path("name_cjk").isObject()) {
            ArrayNode rules = ((ObjectNode) analysis).with("char_filter").putObject("simplified").put("type", "mapping")
                    .putArray("mappings");
            SimplifiedFolding.mappingRules().forEach(rules::add);
            ((ObjectNode) analysis.path("analyzer").path("name_cjk")).putArray("char_filter").add("simplified");
        }
    }
}
