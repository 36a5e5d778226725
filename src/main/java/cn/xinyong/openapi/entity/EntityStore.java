package cn.xinyong.openapi.entity;

import cn.xinyong.openapi.platform.problem.BackendUnavailableException;
import cn.xinyong.openapi.platform.redis.ReadModelKeys;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.hash.ReactiveHashCommands;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
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

    private final Redis redis;

    EntityStore(ReactiveRedisDataSource redisDataSource, Redis redis, ReadModelKeys keys, ObjectMapper mapper) {
        this.hashes = redisDataSource.hash(String.class);
        this.redis = redis;
        this.keys = keys;
        this.mapper = mapper;
    }

    /** Every field of the subject, sorted by field name; empty when the subject is unknown. */
    public Uni<Map<String, Versioned>> subject(String subjectId) {
        return guarded(hashes.hgetall(keys.subject(subjectId))).map(this::parse);
    }

    /** Several subjects in one pipelined round trip, in the order asked. */
    public Uni<java.util.List<Map<String, Versioned>>> subjects(java.util.List<String> subjectIds) {
        if (subjectIds.isEmpty()) {
            return Uni.createFrom().item(java.util.List.of());
        }
        java.util.List<Request> requests = subjectIds.stream()
                .map(id -> Request.cmd(Command.HGETALL).arg(keys.subject(id))).toList();
        return guarded(redis.batch(requests))
                .map(responses -> responses.stream().map(r -> {
                    Map<String, String> raw = new java.util.HashMap<>();
                    if (r != null) {
                        for (String k : r.getKeys()) {
                            raw.put(k, r.get(k).toString());
                        }
                    }
                    return parse(raw);
                }).toList());
    }

    /** A Redis read bounded in time; any failure becomes {@link BackendUnavailableException} (503). */
    private static <T> Uni<T> guarded(Uni<T> read) {
        return read.ifNoItem().after(TIMEOUT).failWith(() -> new BackendUnavailableException("Redis timed out", null))
                .onFailure(e -> !(e instanceof BackendUnavailableException))
                .transform(e -> new BackendUnavailableException("Redis read failed: " + e.getMessage(), e));
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
