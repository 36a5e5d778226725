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
            m.appendReplacement(out, ResidentId.isValid(m.group()) ? "******************" : m.group());
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
            if (ResidentId.isValid(m.group())) {
                return true;
            }
        }
        return false;
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
