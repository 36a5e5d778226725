package cn.xinyong.openapi.ingest.feed;

import cn.xinyong.openapi.readmodel.Dataset;
import cn.xinyong.openapi.readmodel.FeedEvent;
import cn.xinyong.openapi.readmodel.Rejection;
import cn.xinyong.openapi.readmodel.record.*;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads one line of the platform feed (contract: {@code docs/feed-contract.md}) strictly: unknown
 * fields, wrong types, missing or out-of-range values each reject the line with a reason. Thread-safe.
 */
public final class FeedParser {

    /** Longest line accepted; a record larger than this is a feed error, not data. */
    public static final int MAX_LINE_CHARS = 64 * 1024;
    /** Largest version: Redis scripts compare versions as doubles, exact up to 2^53 - 1. */
    public static final long MAX_VERSION = (1L << 53) - 1;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:\\-]{1,128}");
    /** Longest value of a field the index keeps as a keyword (codes, names, authorities, numbers). */
    public static final int MAX_KEYWORD_CHARS = 500;
    /** Longest free text (facts, content, legal basis, reasons, summaries). */
    public static final int MAX_TEXT_CHARS = 10_000;
    /** The free-text fields; every other string is a keyword and must stay short enough to index. */
    private static final java.util.Set<String> FREE_TEXT = java.util.Set.of("facts", "content", "legalBasis", "reason",
            "summary", "address", "documentName", "matter");
    private static final Map<Dataset, Class<? extends FeedRecord>> RECORD_TYPES = Map.of(
            Dataset.ENTITY, EntityRecord.class,
            Dataset.LICENCE, LicenceRecord.class,
            Dataset.PENALTY, PenaltyRecord.class,
            Dataset.LIST_ENTRY, ListEntryRecord.class,
            Dataset.COMMITMENT, CommitmentRecord.class,
            Dataset.PERSON_RECORD, PersonRecord.class);

    private final ObjectMapper strict;

    public FeedParser(ObjectMapper mapper) {
        this.strict = mapper.copy()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        // A value of the wrong JSON type is an error, not something to convert: "version":"3", "uscc":123, "x":true.
        for (var type : com.fasterxml.jackson.databind.type.LogicalType.values()) {
            var config = strict.coercionConfigFor(type);
            for (var shape : List.of(com.fasterxml.jackson.databind.cfg.CoercionInputShape.String,
                    com.fasterxml.jackson.databind.cfg.CoercionInputShape.Integer,
                    com.fasterxml.jackson.databind.cfg.CoercionInputShape.Float,
                    com.fasterxml.jackson.databind.cfg.CoercionInputShape.Boolean)) {
                if (!natural(type, shape)) {
                    config.setCoercion(shape, com.fasterxml.jackson.databind.cfg.CoercionAction.Fail);
                }
            }
        }
    }

    /** The JSON shapes a type is written in: strings for text, dates and enums; numbers for numbers. */
    private static boolean natural(com.fasterxml.jackson.databind.type.LogicalType type,
            com.fasterxml.jackson.databind.cfg.CoercionInputShape shape) {
        return switch (type) {
            case Textual, DateTime, Enum, OtherScalar, Untyped, Binary -> shape == com.fasterxml.jackson.databind.cfg.CoercionInputShape.String;
            case Integer -> shape == com.fasterxml.jackson.databind.cfg.CoercionInputShape.Integer;
            case Float -> shape == com.fasterxml.jackson.databind.cfg.CoercionInputShape.Integer
                    || shape == com.fasterxml.jackson.databind.cfg.CoercionInputShape.Float;
            case Boolean -> shape == com.fasterxml.jackson.databind.cfg.CoercionInputShape.Boolean;
            default -> false;
        };
    }

    /** The envelope every line has; {@code data} is read by dataset afterwards. */
    @RegisterForReflection
    record Envelope(String dataset, String op, String id, Long version, String subjectId, String reason,
            JsonNode data) {
    }

    /** Either an event or a rejection. */
    public sealed interface Result permits Accepted, Rejected {
    }

    public record Accepted(FeedEvent event) implements Result {
    }

    public record Rejected(Rejection rejection) implements Result {
    }

    public Result parse(String line, int lineNumber) {
        if (line.length() > MAX_LINE_CHARS) {
            return reject(lineNumber, "line is longer than " + MAX_LINE_CHARS + " characters");
        }
        if (line.indexOf('\uFFFD') >= 0) {
            // The readers decode with replacement: a replacement character marks bytes that were not UTF-8.
            return reject(lineNumber, "line is not valid UTF-8");
        }
        Envelope envelope;
        try {
            envelope = strict.readValue(line, Envelope.class);
        } catch (JsonProcessingException e) {
            return reject(lineNumber, describe(e));
        }
        if (envelope == null) {
            return reject(lineNumber, "line is not a JSON object");
        }
        Dataset dataset = envelope.dataset() == null ? null : Dataset.byFeedName(envelope.dataset()).orElse(null);
        if (dataset == null) {
            return reject(lineNumber, "dataset must be one of " + List.of("entity", "licence", "penalty",
                    "listEntry", "commitment", "personRecord") + (envelope.dataset() == null ? "" : ", not '" + envelope.dataset() + "'"));
        }
        if (envelope.id() == null || !ID.matcher(envelope.id()).matches()) {
            return reject(lineNumber, "id is required: 1-128 characters of letters, digits and . _ : -");
        }
        if (cn.xinyong.openapi.platform.problem.LogSafe.containsPersonalId(envelope.id())) {
            // Record ids are stored, fed and returned: one that embeds a person's ID would publish it.
            return reject(lineNumber, "id must not contain a 居民身份证号码");
        }
        if (envelope.version() == null || envelope.version() < 1 || envelope.version() > MAX_VERSION) {
            return reject(lineNumber, "version is required and must be a positive integer up to 2^53-1");
        }
        if ("upsert".equals(envelope.op())) {
            return upsert(envelope, dataset, lineNumber);
        }
        if ("withdraw".equals(envelope.op())) {
            return withdraw(envelope, dataset, lineNumber);
        }
        return reject(lineNumber, "op must be 'upsert' or 'withdraw'");
    }

    private Result upsert(Envelope envelope, Dataset dataset, int lineNumber) {
        if (envelope.data() == null || !envelope.data().isObject()) {
            return reject(lineNumber, "data is required for an upsert and must be an object");
        }
        if (envelope.reason() != null) {
            return reject(lineNumber, "reason belongs to withdrawals only");
        }
        String tooLong = unstorableText(envelope.data());
        if (tooLong != null) {
            return reject(lineNumber, "data: " + tooLong);
        }
        FeedRecord record;
        try {
            record = strict.treeToValue(envelope.data(), RECORD_TYPES.get(dataset));
        } catch (JsonProcessingException e) {
            return reject(lineNumber, "data: " + describe(e));
        }
        Checks checks = new Checks();
        record.check(checks);
        if (envelope.subjectId() != null && !envelope.subjectId().equals(record.subjectId())) {
            checks.that(false, "subjectId differs from the record's own subject");
        }
        if (!checks.problems().isEmpty()) {
            return reject(lineNumber, "data: " + String.join("; ", checks.problems()));
        }
        return new Accepted(new FeedEvent(lineNumber, dataset, FeedEvent.Operation.UPSERT, envelope.id(),
                envelope.version(), record.subjectId(), record, null));
    }

    private Result withdraw(Envelope envelope, Dataset dataset, int lineNumber) {
        if (envelope.data() != null) {
            return reject(lineNumber, "a withdrawal carries no data");
        }
        Checks checks = new Checks().required("subjectId", envelope.subjectId());
        if (dataset == Dataset.PERSON_RECORD) {
            checks.that(envelope.subjectId() == null || cn.xinyong.openapi.platform.id.ResidentId.isValid(envelope.subjectId()),
                    "subjectId is not a valid 居民身份证号码");
        } else {
            checks.uscc("subjectId", envelope.subjectId());
        }
        checks
                .required("reason", envelope.reason())
                .oneOf("reason", envelope.reason(), Vocabulary.WITHDRAWAL_REASONS.keySet());
        if (!checks.problems().isEmpty()) {
            return reject(lineNumber, String.join("; ", checks.problems()));
        }
        return new Accepted(new FeedEvent(lineNumber, dataset, FeedEvent.Operation.WITHDRAW, envelope.id(),
                envelope.version(), envelope.subjectId(), null, envelope.reason()));
    }

    /**
     * The first string too long to store, or holding a control character, or null. Keywords over {@link #MAX_KEYWORD_CHARS} would be
     * refused by the index (Lucene's term limit) or silently unsearchable, so they reject the line here,
     * before either store sees it.
     */
    static String unstorableText(JsonNode data) {
        var fields = data.fields();
        while (fields.hasNext()) {
            var f = fields.next();
            JsonNode v = f.getValue();
            if (v.isObject()) {
                String inner = unstorableText(v);
                if (inner != null) {
                    return f.getKey() + "." + inner;
                }
                continue;
            }
            for (JsonNode item : v.isArray() ? v : List.of(v)) {
                boolean freeText = FREE_TEXT.contains(f.getKey());
                int max = freeText ? MAX_TEXT_CHARS : MAX_KEYWORD_CHARS;
                if (item.isTextual() && item.asText().length() > max) {
                    return f.getKey() + " is longer than " + max + " characters";
                }
                if (item.isTextual() && hasControl(item.asText(), freeText)) {
                    return f.getKey() + " holds a control character" + (freeText ? " (only line breaks and tabs "
                            + "are allowed in free text)" : " (names, codes and other keywords hold none)");
                }
            }
        }
        return null;
    }

    /** NUL, CR, LF and the other C0 controls (and DEL); free text may hold line breaks and tabs. */
    static boolean hasControl(String s, boolean freeText) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c < 0x20 || c == 0x7f) && !(freeText && (c == '\n' || c == '\r' || c == '\t'))) {
                return true;
            }
        }
        return false;
    }

    private static Rejected reject(int line, String reason) {
        return new Rejected(new Rejection(line, reason));
    }

    private static String describe(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException u) {
            return "unknown field '" + u.getPropertyName() + "'";
        }
        String message = e.getOriginalMessage();
        int cut = message.indexOf(" (for ");
        if (cut > 0) {
            message = message.substring(0, cut);
        }
        message = message.replaceAll("`[a-z]+(\\.[a-z]+)+\\.([A-Za-z$]+)`", "$2");
        String path = e instanceof com.fasterxml.jackson.databind.JsonMappingException m && !m.getPath().isEmpty()
                ? " at " + m.getPath().stream()
                        .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                        .collect(java.util.stream.Collectors.joining(".")) : "";
        return "malformed JSON: " + message.replaceAll("\\s+", " ") + path;
    }
}
