package cn.xinyong.openapi.readmodel.record;

import cn.xinyong.openapi.platform.config.WatchedConfig;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The lists (红黑名单) the platform publishes, with who keeps each, on what basis and what being listed means:
 * configuration as data ({@code lists/lists.json}, or the file {@code xinyong.lists.file} names), read once at
 * start. The feed's validation, the schemes, the measure catalogue, screening and the list endpoints all take
 * their list codes from here, so a new sector list is a new entry in the file and a restart.
 *
 * <p>Read at start rather than watched: the 信易+ schemes and the measure catalogue are checked against these
 * codes when they load, and stored entries name them, so the catalogue changes with a rolling restart.
 */
public final class ListCatalog {

    /** One list. */
    @Schema(name = "CreditList", description = "A red, black or watch list (名单)")
    public record ListDefinition(
            @Schema(description = "List code", example = "seriousDishonesty") String code,
            @Schema(description = "名单名称", example = "严重失信主体名单") String name,
            @Schema(description = "red (守信激励), black (失信惩戒) or watch (重点关注)",
                    enumeration = {"red", "black", "watch"}) String kind,
            @Schema(description = "认定部门") String issuingAuthority,
            @Schema(description = "认定依据") String legalBasis,
            @Schema(description = "联合奖惩措施: what being listed means") List<String> measures,
            @Schema(description = "Whether listed subjects are restricted from high consumption (限制高消费)")
            boolean restrictsHighConsumption) {

        /** A black or watch list: a current membership is an adverse record (不良信用记录). */
        public boolean adverse() {
            return !"red".equals(kind);
        }
    }

    /** A catalogue that cannot be used: the reason names the list and the field. */
    public static final class InvalidLists extends IllegalArgumentException {
        public InvalidLists(String message) {
            super(message);
        }
    }

    private static final Set<String> FIELDS = Set.of("code", "name", "kind", "issuingAuthority", "legalBasis",
            "measures", "restrictsHighConsumption");
    private static final Set<String> KINDS = Set.of("red", "black", "watch");
    private static final WatchedConfig<Map<String, ListDefinition>> CATALOGUE = new WatchedConfig<>("list catalogue",
            ConfigProvider.getConfig().getOptionalValue("xinyong.lists.file", String.class).map(Path::of),
            "lists/lists.json", ListCatalog::parse);

    private ListCatalog() {
    }

    /** Every list, in the catalogue's order. */
    public static List<ListDefinition> all() {
        return List.copyOf(CATALOGUE.current().values());
    }

    /** Every list code. */
    public static Set<String> codes() {
        return CATALOGUE.current().keySet();
    }

    public static Optional<ListDefinition> byCode(String code) {
        return Optional.ofNullable(code == null ? null : CATALOGUE.current().get(code));
    }

    /** The list's Chinese name, or the code itself for a code the catalogue does not know. */
    public static String name(String code) {
        return byCode(code).map(ListDefinition::name).orElse(code);
    }

    /** Whether a current membership of the list is an adverse record (a black or watch list). */
    public static boolean adverse(String code) {
        return byCode(code).map(ListDefinition::adverse).orElse(false);
    }

    /** Parses a catalogue strictly: unknown fields, missing text, unknown kinds and repeated codes are refused. */
    public static Map<String, ListDefinition> parse(byte[] json) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new InvalidLists("the list catalogue is not JSON: " + e.getMessage());
        }
        if (root == null || !root.path("lists").isArray() || root.path("lists").isEmpty()) {
            throw new InvalidLists("the list catalogue needs a non-empty array 'lists'");
        }
        Map<String, ListDefinition> lists = new LinkedHashMap<>();
        int n = 0;
        for (JsonNode l : root.path("lists")) {
            String at = "list " + (++n);
            var fields = l.fieldNames();
            while (fields.hasNext()) {
                String f = fields.next();
                if (!FIELDS.contains(f)) {
                    throw new InvalidLists(at + ": unknown field '" + f + "'");
                }
            }
            String code = text(l, "code", at);
            if (!code.matches("[a-z][A-Za-z0-9]{1,40}")) {
                throw new InvalidLists(at + ": code must be lowerCamelCase letters and digits");
            }
            at = "list " + code;
            String kind = text(l, "kind", at);
            if (!KINDS.contains(kind)) {
                throw new InvalidLists(at + ": kind must be red, black or watch");
            }
            if (!l.path("measures").isArray() || l.path("measures").isEmpty()) {
                throw new InvalidLists(at + ": measures must be a non-empty array");
            }
            List<String> measures = new ArrayList<>();
            for (JsonNode m : l.path("measures")) {
                if (!m.isTextual() || m.asText().isBlank()) {
                    throw new InvalidLists(at + ": every measure must be text");
                }
                measures.add(m.asText());
            }
            if (!l.path("restrictsHighConsumption").isBoolean()) {
                throw new InvalidLists(at + ": restrictsHighConsumption must be true or false");
            }
            ListDefinition d = new ListDefinition(code, text(l, "name", at), kind, text(l, "issuingAuthority", at),
                    text(l, "legalBasis", at), List.copyOf(measures), l.path("restrictsHighConsumption").asBoolean());
            if (lists.put(code, d) != null) {
                throw new InvalidLists(at + ": the code appears twice");
            }
        }
        return java.util.Collections.unmodifiableMap(lists);
    }

    private static String text(JsonNode node, String field, String at) {
        if (!node.path(field).isTextual() || node.path(field).asText().isBlank()) {
            throw new InvalidLists(at + ": " + field + " is required");
        }
        return node.path(field).asText();
    }
}
