package cn.xinyong.openapi.readmodel;

import cn.xinyong.openapi.platform.config.ClasspathResources;
import cn.xinyong.openapi.platform.jobs.ExclusiveJobs;
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
 *
 * <p>A missing alias is created by one instance at a time ({@link ExclusiveJobs}, job {@code search-indices:<prefix>});
 * the others wait for the aliases to appear. The creation is safe without that lease too: the first index behind a
 * new alias has a fixed name ({@code <alias>-initial}), so a second instance creating it at the same moment meets
 * {@code resource_already_exists_exception}, takes that as done, and adds the alias to the same index (adding an
 * alias twice changes nothing). No orphan index is left.
 */
@ApplicationScoped
public class IndexManager {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");
    /** The suffix of the first index behind a new alias (later ones, from re-indexing, carry their creation time). */
    static final String INITIAL = "initial";
    /** The lease of creating missing aliases; renewed while creation runs. */
    private static final Duration CREATION_LEASE = Duration.ofMinutes(1);
    /** How long an instance waits for the lease's holder to create the aliases before it creates them itself. */
    private static final Duration WAIT_FOR_HOLDER = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(250);
    private final SearchGateway gateway;
    private final SearchConfig config;
    private final ObjectMapper mapper;
    private final AtomicBoolean ready = new AtomicBoolean();

    private final cn.xinyong.openapi.platform.TimeSource time;
    private final ExclusiveJobs jobs;

    IndexManager(SearchGateway gateway, SearchConfig config, ObjectMapper mapper, cn.xinyong.openapi.platform.TimeSource time,
            ExclusiveJobs jobs) {
        this.time = time;
        this.jobs = jobs;
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

    /**
     * Creates a missing alias (with an index behind it) for every dataset: under the creation lease, or, while another
     * instance holds it, once that instance has had time to create them and has not.
     */
    public Uni<Void> ensureAll() {
        return missing().flatMap(missing -> {
            if (missing.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            return jobs.runExclusively(creationJob(), CREATION_LEASE, this::createMissing)
                    .onFailure().recoverWithUni(e -> {
                        Log.warnf("could not take the lease of creating the search indices (%s); creating them without "
                                + "it (creation is idempotent)", e.getMessage());
                        return createMissing().map(x -> new ExclusiveJobs.Outcome<Void>(true, null, null));
                    })
                    .flatMap(outcome -> outcome.ran() ? Uni.createFrom().voidItem() : createdElsewhere(outcome.heldBy()));
        }).invoke(() -> ready.set(true));
    }

    /** The lease's name: one per index prefix, since deployments with different prefixes may share a cluster. */
    String creationJob() {
        return "search-indices:" + config.indexPrefix();
    }

    /** The datasets whose alias does not exist. */
    private Uni<List<Dataset>> missing() {
        return Multi.createFrom().iterable(Dataset.indexed())
                .onItem().transformToUniAndConcatenate(d -> gateway.exists("/_alias/" + alias(d)).map(exists -> exists ? null : d))
                .filter(java.util.Objects::nonNull)
                .collect().asList();
    }

    private Uni<Void> createMissing() {
        return missing().flatMap(missing -> Multi.createFrom().iterable(missing)
                .onItem().transformToUniAndConcatenate(this::ensure)
                .collect().last().replaceWithVoid());
    }

    /** Waits for the lease's holder to create the aliases; creates what is still missing after {@link #WAIT_FOR_HOLDER}. */
    private Uni<Void> createdElsewhere(String holder) {
        Log.infof("search indices are being created by %s; waiting for them", holder);
        long attempts = WAIT_FOR_HOLDER.toMillis() / POLL.toMillis();
        return missing().flatMap(missing -> missing.isEmpty() ? Uni.createFrom().voidItem()
                        : Uni.createFrom().failure(new NotCreatedYet(missing)))
                .onFailure(NotCreatedYet.class).retry().withBackOff(POLL, POLL).atMost(attempts)
                .onFailure(NotCreatedYet.class).recoverWithUni(e -> {
                    Log.warnf("%s did not create the search indices within %s (%s); creating them here", holder,
                            WAIT_FOR_HOLDER, e.getMessage());
                    return createMissing();
                });
    }

    private static final class NotCreatedYet extends RuntimeException {
        NotCreatedYet(List<Dataset> missing) {
            super("still missing: " + missing, null, false, false);
        }
    }

    private Uni<Void> ensure(Dataset dataset) {
        String alias = alias(dataset);
        return gateway.exists("/_alias/" + alias).flatMap(exists -> {
            if (exists) {
                return Uni.createFrom().voidItem();
            }
            String index = alias + "-" + INITIAL;
            return gateway.send("PUT", "/" + index, definition(dataset, false))
                    .map(created -> true)
                    .onFailure(IndexManager::alreadyExists).recoverWithItem(false)
                    .flatMap(createdHere -> {
                        ObjectNode body = mapper.createObjectNode();
                        body.putArray("actions").addObject().putObject("add").put("index", index).put("alias", alias)
                                .put("is_write_index", true);
                        return gateway.send("POST", "/_aliases", body).invoke(() -> Log.infof(createdHere
                                ? "created index %s behind alias %s" : "index %s already existed; alias %s added to it",
                                index, alias));
                    }).replaceWithVoid();
        });
    }

    /** A create that lost the race to another instance: the index is there, which is what was wanted. */
    private static boolean alreadyExists(Throwable e) {
        return e instanceof SearchFailure f && "resource_already_exists_exception".equals(f.errorType());
    }

    /**
     * Creates a new, empty index for a dataset (not yet behind the alias) and returns its name. For a
     * bulk load it starts without refreshes or replicas; {@link #finishBulkLoad} restores them.
     */
    public Uni<String> createIndex(Dataset dataset, boolean forBulkLoad) {
        String index = alias(dataset) + "-" + ZonedDateTime.ofInstant(time.now(), ZoneOffset.UTC).format(STAMP);
        return gateway.send("PUT", "/" + index, definition(dataset, forBulkLoad)).replaceWith(index);
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

    /** The index definition with its replicas ({@code xinyong.opensearch.replicas}), none while bulk loading. */
    private ObjectNode definition(Dataset dataset, boolean forBulkLoad) {
        ObjectNode definition = definition(dataset);
        ObjectNode settings = (ObjectNode) definition.with("settings");
        settings.put("number_of_replicas", forBulkLoad ? 0 : config.replicas());
        if (forBulkLoad) {
            settings.put("refresh_interval", "-1");
        }
        return definition;
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
