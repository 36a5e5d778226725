package cn.xinyong.openapi.platform.problem;

import cn.xinyong.openapi.platform.id.ResidentId;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Makes request paths safe to log: anything that is a valid 居民身份证号码 is masked. */
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
        return out.toString();
    }
}
