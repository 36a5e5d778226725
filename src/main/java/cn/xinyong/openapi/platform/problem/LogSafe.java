package cn.xinyong.openapi.platform.problem;

import cn.xinyong.openapi.platform.id.ResidentId;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes request paths safe to log: anything that is a valid 居民身份证号码 is masked, and control characters
 * (CR, LF, TAB …) are written as {@code \\uXXXX} so that a path cannot forge a log line.
 */
public final class LogSafe {

    private static final Pattern EIGHTEEN = Pattern.compile("[0-9]{17}[0-9Xx]");

    private LogSafe() {
    }

    public static String path(String path) {
        if (path == null) {
            return null;
        }
        Matcher m = EIGHTEEN.matcher(path);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, looksLikeResidentId(m.group()) ? "******************" : m.group());
        }
        m.appendTail(out);
        return escapeControls(out.toString());
    }

    /** Whether the text holds a valid 居民身份证号码 anywhere. */
    public static boolean containsPersonalId(String text) {
        if (text == null) {
            return false;
        }
        Matcher m = EIGHTEEN.matcher(text);
        while (m.find()) {
            if (looksLikeResidentId(m.group())) {
                return true;
            }
        }
        return false;
    }

    /** Provinces (省级行政区划) a 居民身份证号码 can start with. */
    private static final java.util.Set<String> PROVINCES = java.util.Set.of("11", "12", "13", "14", "15", "21", "22", "23",
            "31", "32", "33", "34", "35", "36", "37", "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54",
            "61", "62", "63", "64", "65", "71", "81", "82");

    /**
     * A valid check character, a province and a birth year of 19xx or 20xx: what tells a 居民身份证号码 from the many
     * all-digit 统一社会信用代码 whose last character happens to fit the ID's check (one in eleven would).
     */
    static boolean looksLikeResidentId(String candidate) {
        return ResidentId.isValid(candidate) && PROVINCES.contains(candidate.substring(0, 2))
                && (candidate.startsWith("19", 6) || candidate.startsWith("20", 6));
    }

    static String escapeControls(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                if (out == null) {
                    out = new StringBuilder(s.length() + 8).append(s, 0, i);
                }
                out.append(String.format("\\u%04x", (int) c));
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? s : out.toString();
    }
}
