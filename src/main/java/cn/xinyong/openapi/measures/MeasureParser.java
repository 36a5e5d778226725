package cn.xinyong.openapi.measures;

import cn.xinyong.openapi.readmodel.record.ListCatalog;
import cn.xinyong.openapi.readmodel.record.PersonRecord;
import cn.xinyong.openapi.readmodel.record.Vocabulary;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the measure catalogue (JSON) strictly: an unknown field, a missing basis, a trigger it does not
 * understand or a matter outside the vocabulary refuses the whole catalogue with the measure and field
 * named, so a typo can never silently stop a punishment from applying.
 */
public final class MeasureParser {

    /** The catalogue is not valid; the message names the measure and the field. */
    public static class InvalidCatalogue extends RuntimeException {
        public InvalidCatalogue(String message) {
            super(message);
        }
    }

    private static final Set<String> ROOT = Set.of("version", "matters", "measures");
    private static final Set<String> FIELDS = Set.of("code", "name", "kind", "class", "group", "effect", "trigger",
            "matters", "targets", "implementingAuthorities", "basis", "text");
    private static final Set<String> KINDS = Set.of("punishment", "incentive");
    private static final Set<String> CLASSES = Set.of("mandatory", "recommended");
    private static final Set<String> PUNISHMENT_EFFECTS = Set.of("block", "restrict", "review");
    private static final Set<String> TARGETS = Set.of("subject", "legalRepresentative", "principal", "responsiblePerson",
            "person");
    private final ObjectMapper mapper;

    public MeasureParser(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public MeasureCatalogue parse(byte[] json) {
        JsonNode root;
        try {
            root = mapper.readTree(json);
        } catch (IOException e) {
            throw new InvalidCatalogue("catalogue: not valid JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new InvalidCatalogue("catalogue: a JSON object is required");
        }
        unknown(root, ROOT, "catalogue");
        String version = text(root, "version", "catalogue");
        Map<String, String> matters = new LinkedHashMap<>();
        if (!root.path("matters").isArray() || root.path("matters").isEmpty()) {
            throw new InvalidCatalogue("catalogue: a non-empty \"matters\" array is required");
        }
        for (JsonNode m : root.path("matters")) {
            unknown(m, Set.of("code", "name"), "matter");
            String code = text(m, "code", "matter");
            if (matters.put(code, text(m, "name", "matter " + code)) != null) {
                throw new InvalidCatalogue("matter " + code + ": defined twice");
            }
        }
        if (!root.path("measures").isArray() || root.path("measures").isEmpty()) {
            throw new InvalidCatalogue("catalogue: a non-empty \"measures\" array is required");
        }
        List<Measure> measures = new ArrayList<>();
        Set<String> codes = new java.util.HashSet<>();
        int i = 0;
        for (JsonNode m : root.path("measures")) {
            Measure measure = measure(m, "measures[" + i++ + "]", matters.keySet());
            if (!codes.add(measure.code())) {
                throw new InvalidCatalogue("measure " + measure.code() + ": defined twice");
            }
            measures.add(measure);
        }
        return new MeasureCatalogue(version, matters, List.copyOf(measures), etag(json));
    }

    private Measure measure(JsonNode m, String where, Set<String> matters) {
        if (!m.isObject()) {
            throw new InvalidCatalogue(where + ": must be an object");
        }
        String code = text(m, "code", where);
        String at = "measure " + code;
        unknown(m, FIELDS, at);
        String kind = oneOf(m, "kind", KINDS, at);
        String measureClass = oneOf(m, "class", CLASSES, at);
        String effect = oneOf(m, "effect", "punishment".equals(kind) ? PUNISHMENT_EFFECTS : Set.of("prioritise"), at);
        Integer group = null;
        if (m.has("group")) {
            if (!"punishment".equals(kind) || !m.get("group").canConvertToInt() || m.get("group").asInt() < 1
                    || m.get("group").asInt() > 3) {
                throw new InvalidCatalogue(at + ": group must be 1, 2 or 3, and only for punishments");
            }
            group = m.get("group").asInt();
        }
        List<String> measureMatters = strings(m, "matters", at);
        for (String matter : measureMatters) {
            if (!matters.contains(matter)) {
                throw new InvalidCatalogue(at + ": matter '" + matter + "' is not in the matters vocabulary");
            }
        }
        List<String> targets = strings(m, "targets", at);
        for (String t : targets) {
            if (!TARGETS.contains(t)) {
                throw new InvalidCatalogue(at + ": target must be one of " + TARGETS + ", not '" + t + "'");
            }
        }
        JsonNode basis = m.path("basis");
        if (!basis.isObject()) {
            throw new InvalidCatalogue(at + ": basis (document and article) is required");
        }
        unknown(basis, Set.of("document", "article"), at + " basis");
        Trigger trigger = trigger(m.path("trigger"), at);
        if (targets.contains("person") && trigger.personKinds().isEmpty()) {
            throw new InvalidCatalogue(at + ": a measure that targets a person (个人) needs a listed or representativeListed "
                    + "trigger on person record kinds " + new java.util.TreeSet<>(PersonRecord.KINDS.keySet()));
        }
        if ("mandatory".equals(measureClass) && "incentive".equals(kind)) {
            throw new InvalidCatalogue(at + ": incentives are recommended measures, not mandatory");
        }
        return new Measure(code, text(m, "name", at), kind, measureClass, group, effect, trigger, measureMatters, targets,
                strings(m, "implementingAuthorities", at),
                new Measure.Basis(text(basis, "document", at + " basis"), text(basis, "article", at + " basis")),
                text(m, "text", at));
    }

    private Trigger trigger(JsonNode t, String at) {
        if (!t.isObject()) {
            throw new InvalidCatalogue(at + ": trigger is required");
        }
        String type = text(t, "type", at + " trigger");
        String needs = Trigger.TYPES.get(type);
        if (needs == null) {
            throw new InvalidCatalogue(at + ": trigger type must be one of " + Trigger.TYPES.keySet() + ", not '" + type + "'");
        }
        unknown(t, Set.of("type", needs), at + " trigger " + type);
        String where = at + " trigger " + type;
        return switch (needs) {
            case "lists" -> {
                List<String> lists = strings(t, "lists", where);
                lists.forEach(l -> {
                    if (ListCatalog.byCode(l).isEmpty()) {
                        throw new InvalidCatalogue(where + ": unknown list '" + l + "'");
                    }
                });
                yield new Trigger(type, lists, null, null, null, null);
            }
            case "kinds" -> {
                List<String> kinds = strings(t, "kinds", where);
                kinds.forEach(k -> {
                    if (!PersonRecord.KINDS.containsKey(k)) {
                        throw new InvalidCatalogue(where + ": unknown person record kind '" + k + "'");
                    }
                });
                yield new Trigger(type, null, kinds, null, null, null);
            }
            case "grades" -> {
                List<String> grades = strings(t, "grades", where);
                grades.forEach(g -> {
                    if (!Vocabulary.CREDIT_GRADES.containsKey(g)) {
                        throw new InvalidCatalogue(where + ": unknown grade '" + g + "'");
                    }
                });
                yield new Trigger(type, null, null, grades, null, null);
            }
            case "withinMonths" -> new Trigger(type, null, null, null, positive(t, "withinMonths", where, 120), null);
            default -> new Trigger(type, null, null, null, null, positive(t, "years", where, 10));
        };
    }

    private static int positive(JsonNode n, String field, String where, int max) {
        JsonNode v = n.path(field);
        if (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < 1 || v.asInt() > max) {
            throw new InvalidCatalogue(where + ": " + field + " must be a whole number from 1 to " + max);
        }
        return v.asInt();
    }

    private static void unknown(JsonNode n, Set<String> allowed, String where) {
        Iterator<String> names = n.fieldNames();
        while (names.hasNext()) {
            String f = names.next();
            if (!allowed.contains(f)) {
                throw new InvalidCatalogue(where + ": unknown field '" + f + "'");
            }
        }
    }

    private static String text(JsonNode n, String field, String where) {
        JsonNode v = n.path(field);
        if (!v.isTextual() || v.asText().isBlank()) {
            throw new InvalidCatalogue(where + ": " + field + " is required");
        }
        return v.asText();
    }

    private static String oneOf(JsonNode n, String field, Set<String> allowed, String where) {
        String v = text(n, field, where);
        if (!allowed.contains(v)) {
            throw new InvalidCatalogue(where + ": " + field + " must be one of " + allowed + ", not '" + v + "'");
        }
        return v;
    }

    private static List<String> strings(JsonNode n, String field, String where) {
        JsonNode v = n.path(field);
        if (!v.isArray() || v.isEmpty()) {
            throw new InvalidCatalogue(where + ": " + field + " must be a non-empty array");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : v) {
            if (!item.isTextual() || item.asText().isBlank()) {
                throw new InvalidCatalogue(where + ": " + field + " must hold non-empty strings");
            }
            out.add(item.asText());
        }
        return List.copyOf(out);
    }

    private static String etag(byte[] json) {
        return cn.xinyong.openapi.platform.text.Sha256.hex(json).substring(0, 24);
    }

}
