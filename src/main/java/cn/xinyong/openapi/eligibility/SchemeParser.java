package cn.xinyong.openapi.eligibility;

import cn.xinyong.openapi.readmodel.record.ListCatalog;
import cn.xinyong.openapi.readmodel.record.Vocabulary;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads scheme configuration (JSON) strictly. Anything it does not understand is an error naming the
 * scheme and rule, so a typo can never turn into a silent "eligible".
 */
public final class SchemeParser {

    /** The configuration is not valid; the message names the scheme and rule. */
    public static class InvalidSchemes extends RuntimeException {
        public InvalidSchemes(String message) {
            super(message);
        }
    }

    private static final Set<String> SCHEME_FIELDS = Set.of("code", "name", "description", "benefits", "requiredScope",
            "decisionTtl", "reportsRestrictions", "basis", "rules");
    private final ObjectMapper mapper;

    public SchemeParser(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public Map<String, Scheme> parse(byte[] json) {
        JsonNode root;
        try {
            root = mapper.readTree(json);
        } catch (IOException e) {
            throw new InvalidSchemes("schemes: not valid JSON: " + e.getMessage());
        }
        if (root == null || !root.path("schemes").isArray() || root.path("schemes").isEmpty()) {
            throw new InvalidSchemes("schemes: a non-empty \"schemes\" array is required");
        }
        Map<String, Scheme> out = new LinkedHashMap<>();
        int i = 0;
        for (JsonNode s : root.path("schemes")) {
            Scheme scheme = scheme(s, "schemes[" + i++ + "]");
            if (out.put(scheme.code(), scheme) != null) {
                throw new InvalidSchemes("scheme " + scheme.code() + ": defined twice");
            }
        }
        return out;
    }

    private Scheme scheme(JsonNode s, String where) {
        s.fieldNames().forEachRemaining(f -> {
            if (!SCHEME_FIELDS.contains(f)) {
                throw new InvalidSchemes(where + ": unknown field '" + f + "'");
            }
        });
        String code = text(s, "code", where);
        if (!code.matches("[a-z][a-z0-9]{1,30}")) {
            throw new InvalidSchemes(where + ": code must be lower-case letters and digits");
        }
        String at = "scheme " + code;
        Duration ttl;
        try {
            ttl = Duration.parse(s.path("decisionTtl").asText("PT1H"));
        } catch (DateTimeParseException e) {
            throw new InvalidSchemes(at + ": decisionTtl is not an ISO-8601 duration such as PT2H");
        }
        if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(Duration.ofDays(7)) > 0) {
            throw new InvalidSchemes(at + ": decisionTtl must be between 1 second and 7 days");
        }
        List<String> benefits = new ArrayList<>();
        s.path("benefits").forEach(b -> benefits.add(b.asText()));
        if (!s.path("rules").isArray() || s.path("rules").isEmpty()) {
            throw new InvalidSchemes(at + ": at least one rule is required");
        }
        List<Rule> rules = new ArrayList<>();
        int r = 0;
        for (JsonNode rule : s.path("rules")) {
            rules.add(rule(rule, at + " rule " + (r++ + 1)));
        }
        String basis = s.hasNonNull("basis") ? s.get("basis").asText() : null;
        return new Scheme(code, text(s, "name", at), s.path("description").asText(""), basis, List.copyOf(benefits),
                s.hasNonNull("requiredScope") ? s.get("requiredScope").asText() : null, ttl,
                s.path("reportsRestrictions").asBoolean(false), List.copyOf(rules));
    }

    private Rule rule(JsonNode r, String at) {
        String type = r.path("type").asText("");
        at = at + " (" + (type.isEmpty() ? "no type" : type) + ")";
        return switch (type) {
            case "status" -> {
                only(r, at, "allowed");
                yield new Rule.Status(set(r, "allowed", at, Vocabulary.ENTITY_STATUSES.keySet()));
            }
            case "notListed" -> {
                only(r, at, "lists");
                yield new Rule.NotListed(set(r, "lists", at, ListCatalog.codes()));
            }
            case "minGrade" -> {
                only(r, at, "grade", "allowUngraded");
                String grade = r.path("grade").asText("");
                if (!Vocabulary.CREDIT_GRADES.containsKey(grade)) {
                    throw new InvalidSchemes(at + ": grade must be one of " + Vocabulary.CREDIT_GRADES.keySet());
                }
                yield new Rule.MinGrade(grade, r.path("allowUngraded").asBoolean(false));
            }
            case "noPenalty" -> {
                only(r, at, "severities", "withinMonths");
                yield new Rule.NoPenalty(set(r, "severities", at, Vocabulary.PENALTY_SEVERITIES.keySet()),
                        months(r, "withinMonths", at));
            }
            case "registeredFor" -> {
                only(r, at, "months");
                yield new Rule.RegisteredFor(months(r, "months", at));
            }
            case "commitmentsKept" -> {
                only(r, at);
                yield new Rule.CommitmentsKept();
            }
            default -> throw new InvalidSchemes(at + ": unknown rule type; use status, notListed, minGrade, noPenalty, "
                    + "registeredFor or commitmentsKept");
        };
    }

    private static void only(JsonNode r, String at, String... fields) {
        Set<String> allowed = new HashSet<>(List.of(fields));
        allowed.add("type");
        r.fieldNames().forEachRemaining(f -> {
            if (!allowed.contains(f)) {
                throw new InvalidSchemes(at + ": unknown field '" + f + "'");
            }
        });
    }

    private static Set<String> set(JsonNode r, String field, String at, Set<String> allowed) {
        if (!r.path(field).isArray() || r.path(field).isEmpty()) {
            throw new InvalidSchemes(at + ": " + field + " must be a non-empty array");
        }
        Set<String> out = new LinkedHashSet<>();
        for (JsonNode v : r.path(field)) {
            if (!allowed.contains(v.asText())) {
                throw new InvalidSchemes(at + ": " + field + " has '" + v.asText() + "', not one of " + allowed);
            }
            out.add(v.asText());
        }
        return out;
    }

    private static int months(JsonNode r, String field, String at) {
        if (!r.path(field).canConvertToInt() || !r.path(field).isIntegralNumber() || r.path(field).asInt() < 1
                || r.path(field).asInt() > 240) {
            throw new InvalidSchemes(at + ": " + field + " must be a whole number of months from 1 to 240");
        }
        return r.path(field).asInt();
    }

    private static String text(JsonNode s, String field, String at) {
        if (!s.path(field).isTextual() || s.path(field).asText().isBlank()) {
            throw new InvalidSchemes(at + ": " + field + " is required");
        }
        return s.path(field).asText();
    }
}
