package cn.xinyong.openapi.feeds;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * RFC 4180 CSV rows from JSON records: arrays joined with ';', quotes where needed, CRLF line ends, UTF-8 with a
 * byte order mark so that Excel opens it as UTF-8.
 */
public final class Csv {

    private Csv() {
    }

    /**
     * The byte order mark the file starts with: without it, Excel in a zh-CN locale reads UTF-8 as GBK and shows
     * mojibake; with it, every spreadsheet and CSV library reads UTF-8.
     */
    public static final String BYTE_ORDER_MARK = "\uFEFF";

    /** The first line of a file: the byte order mark and the column names. */
    public static String header(List<String> columns) {
        return BYTE_ORDER_MARK + String.join(",", columns) + "\r\n";
    }

    public static String row(List<String> columns, JsonNode record) {
        StringBuilder out = new StringBuilder(256);
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(cell(record.path(columns.get(i))));
        }
        return out.append("\r\n").toString();
    }

    static String cell(JsonNode value) {
        String text;
        if (value.isMissingNode() || value.isNull()) {
            return "";
        } else if (value.isArray()) {
            StringBuilder joined = new StringBuilder();
            value.forEach(v -> joined.append(joined.length() > 0 ? ";" : "").append(v.asText()));
            text = joined.toString();
        } else if (value.isObject()) {
            text = value.path("grade").isTextual() ? value.path("grade").asText() : value.toString();
        } else {
            text = value.asText();
        }
        // A leading =, +, - or @ would make spreadsheets evaluate the cell; a leading TAB or CR can hide one (OWASP).
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 && !value.isNumber()) {
            text = "'" + text;
        }
        if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }
}
