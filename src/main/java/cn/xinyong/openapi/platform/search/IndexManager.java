package cn.xinyong.openapi.platform.search;

import cn.xinyong.openapi.platform.Dataset;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
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

    IndexManager(SearchGateway gateway, SearchConfig config, ObjectMapper mapper) {
        this.gateway = gateway;
        this.config = config;
        this.mapper = mapper;
    }

    public String alias(Dataset dataset) {
        return config.indexPrefix() + dataset.indexName();
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
        return Multi.createFrom().iterable(Dataset.searchables())
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
        String index = alias(dataset) + "-" + ZonedDateTime.now(ZoneOffset.UTC).format(STAMP);
        ObjectNode definition = definition(dataset);
        ObjectNode settings = (ObjectNode) definition.with("settings");
        settings.put("number_of_replicas", forBulkLoad ? 0 : config.replicas());
        if (forBulkLoad) {
            settings.put("refresh_interval", "-1");
        }
        return gateway.send("PUT", "/" + index, definition).replaceWith(index);
    }

    /**
     * Points the alias at {@code newIndex} alone, in one atomic request, then deletes the indices that
     * were behind it before.
     */
    public Uni<Void> swapAlias(Dataset dataset, String newIndex) {
        String alias = alias(dataset);
        return gateway.exists("/_alias/" + alias).flatMap(exists -> exists
                ? gateway.send("GET", "/_alias/" + alias, null).map(IndexManager::indexNames)
                : Uni.createFrom().item(List.<String>of()))
                .flatMap(old -> {
                    ObjectNode body = mapper.createObjectNode();
                    var actions = body.putArray("actions");
                    for (String index : old) {
                        actions.addObject().putObject("remove").put("index", index).put("alias", alias);
                    }
                    actions.addObject().putObject("add").put("index", newIndex).put("alias", alias)
                            .put("is_write_index", true);
                    Log.infof("swapping alias %s from %s to %s", alias, old, newIndex);
                    return gateway.send("POST", "/_aliases", body).replaceWith(old);
                })
                .flatMap(old -> old.isEmpty() || old.equals(List.of(newIndex)) ? Uni.createFrom().voidItem()
                        : gateway.send("DELETE", "/" + String.join(",", old.stream()
                                .filter(i -> !i.equals(newIndex)).toList()), null)
                                .invoke(() -> Log.infof("deleted old indices %s", old)).replaceWithVoid());
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
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing index definition " + resource);
            }
            return (ObjectNode) mapper.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
