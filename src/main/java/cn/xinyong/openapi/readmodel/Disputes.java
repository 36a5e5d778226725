package cn.xinyong.openapi.readmodel;

import cn.xinyong.openapi.platform.TimeSource;
import cn.xinyong.openapi.platform.search.SearchGateway;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Records under objection review (异议核查中): finds a record with its owner, and marks it disputed the moment
 * an objection is accepted, without waiting for the platform's next version. The mark is the same
 * {@code disputedSince} the feed carries (one notion of "disputed"): written on the stored version with a new
 * feed position (mirrors see the change), in the index first (external_gte keeps the platform's version) and
 * then in the cache (only over that same version). The platform's next version of the record, a correction or
 * a withdrawal, replaces it as any version does.
 */
@ApplicationScoped
public class Disputes {

    private final SearchGateway search;
    private final IndexManager indices;
    private final FeedPositions positions;
    private final SubjectWriter cache;
    private final TimeSource time;
    private final ObjectMapper mapper;
    private final StoredForm form;

    Disputes(SearchGateway search, IndexManager indices, FeedPositions positions, SubjectWriter cache, TimeSource time,
            ObjectMapper mapper) {
        this.search = search;
        this.indices = indices;
        this.positions = positions;
        this.cache = cache;
        this.time = time;
        this.mapper = mapper;
        this.form = new StoredForm(mapper);
    }

    /** A stored record: whose it is (a USCC, or a person's keyed hash), whether it is withdrawn, when disputed. */
    public record Located(Dataset dataset, String id, String subjectId, boolean withdrawn, LocalDate disputedSince) {
    }

    /** The record of a dataset by its id; empty when the read model does not hold it. */
    public Uni<Optional<Located>> locate(Dataset dataset, String id) {
        return hit(dataset, id).map(h -> h.map(hit -> {
            JsonNode doc = hit.path("_source");
            String since = doc.path("disputedSince").asText(null);
            return new Located(dataset, id, StoredForm.subjectOf(dataset, doc), doc.path("withdrawn").asBoolean(false),
                    since == null ? null : LocalDate.parse(since));
        }));
    }

    /**
     * Marks the record disputed since {@code since}; true when this changed it, false when it was disputed
     * already, is withdrawn or is gone.
     */
    public Uni<Boolean> mark(Dataset dataset, String id, LocalDate since) {
        return set(dataset, id, since);
    }

    /** Lifts this service's dispute mark (an objection dismissed); true when this changed the record. */
    public Uni<Boolean> clear(Dataset dataset, String id) {
        return set(dataset, id, null);
    }

    private Uni<Boolean> set(Dataset dataset, String id, LocalDate since) {
        return hit(dataset, id).flatMap(found -> {
            if (found.isEmpty() || found.get().path("_source").path("withdrawn").asBoolean(false)
                    || found.get().path("_source").hasNonNull("disputedSince") == (since != null)) {
                return Uni.createFrom().item(false);
            }
            JsonNode hit = found.get();
            return positions.reserve(1).flatMap(position -> Uni.createFrom().deferred(() -> {
                ObjectNode doc = ((ObjectNode) hit.path("_source")).deepCopy();
                if (since == null) {
                    doc.remove("disputedSince");
                } else {
                    doc.put("disputedSince", since.toString());
                }
                doc.put("seq", position).put("updatedAt", time.now().toString());
                ObjectNode action = mapper.createObjectNode();
                action.putObject("index").put("_index", hit.path("_index").asText()).put("_id", hit.path("_id").asText())
                        .put("version", hit.path("_version").asLong()).put("version_type", "external_gte");
                byte[] bulk = (action + "\n" + doc + "\n").getBytes(StandardCharsets.UTF_8);
                return search.bulk(bulk, true).flatMap(response -> {
                    if (response.path("errors").asBoolean(false)) {
                        io.quarkus.logging.Log.warnf("dispute mark of %s %s not written: %s", dataset.feedName(), id,
                                response.path("items").path(0));
                        return Uni.createFrom().item(false);
                    }
                    return cache.annotate(List.of(form.entry(dataset, doc))).invoke(written -> {
                        if (!written.get(0)) {
                            io.quarkus.logging.Log.infof("dispute mark of %s %s: the cache holds another version",
                                    dataset.feedName(), id);
                        }
                    }).replaceWith(true);
                });
            }).onFailure().call(() -> positions.failed(position)).call(() -> positions.landed(position, true)));
        });
    }

    private Uni<Optional<JsonNode>> hit(Dataset dataset, String id) {
        ObjectNode body = mapper.createObjectNode().put("size", 1).put("version", true);
        body.putObject("query").putObject("ids").putArray("values").add(id);
        return search.search(indices.alias(dataset), body).map(response -> {
            JsonNode hits = response.path("hits").path("hits");
            return hits.isEmpty() ? Optional.<JsonNode>empty() : Optional.of(hits.get(0));
        });
    }
}
