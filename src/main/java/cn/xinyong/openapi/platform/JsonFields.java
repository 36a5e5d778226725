package cn.xinyong.openapi.platform;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;

/** Reads optional fields of the stored JSON documents (Redis summaries, search sources). */
public final class JsonFields {

    private JsonFields() {
    }

    /** The text of {@code field}, or null when absent or not text. */
    public static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isTextual() ? v.asText() : null;
    }

    /** The ISO date in {@code field}, or null. */
    public static LocalDate date(JsonNode node, String field) {
        String v = text(node, field);
        return v == null ? null : LocalDate.parse(v);
    }

    /** The ISO instant in {@code field}, or null. */
    public static Instant instant(JsonNode node, String field) {
        String v = text(node, field);
        return v == null ? null : cn.xinyong.openapi.platform.text.Instants.parse(v);
    }
}
