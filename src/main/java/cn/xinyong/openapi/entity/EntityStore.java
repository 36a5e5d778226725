package cn.xinyong.openapi.entity;

import cn.xinyong.openapi.platform.problem.BackendUnavailableException;
import cn.xinyong.openapi.platform.redis.ReadModelKeys;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.hash.ReactiveHashCommands;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/** Reads a subject's hot document from Redis: one HGETALL for the entity and every record summary. */
@ApplicationScoped
public class EntityStore {

    /** A stored field: the version it was written at and its JSON. */
    public record Versioned(long version, JsonNode json) {
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private final ReactiveHashCommands<String, String, String> hashes;
    private final ReadModelKeys keys;
    private final ObjectMapper mapper;

    EntityStore(ReactiveRedisDataSource redis, ReadModelKeys keys, ObjectMapper mapper) {
        this.hashes = redis.hash(String.class);
        this.keys = keys;
        this.mapper = mapper;
    }

    /** Every field of the subject, sorted by field name; empty when the subject is unknown. */
    public Uni<Map<String, Versioned>> subject(String subjectId) {
        return hashes.hgetall(keys.subject(subjectId))
                .ifNoItem().after(TIMEOUT).failWith(() -> new BackendUnavailableException("Redis timed out", null))
                .onFailure(e -> !(e instanceof BackendUnavailableException))
                .transform(e -> new BackendUnavailableException("Redis read failed: " + e.getMessage(), e))
                .map(this::parse);
    }

    private Map<String, Versioned> parse(Map<String, String> raw) {
        Map<String, Versioned> fields = new TreeMap<>();
        raw.forEach((field, value) -> {
            int bar = value.indexOf('|');
            try {
                fields.put(field, new Versioned(Long.parseLong(value.substring(0, bar)),
                        mapper.readTree(value.substring(bar + 1))));
            } catch (IOException | RuntimeException e) {
                throw new IllegalStateException("corrupt read-model field " + field, e);
            }
        });
        return fields;
    }
}
