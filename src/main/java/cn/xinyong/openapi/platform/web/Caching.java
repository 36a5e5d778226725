package cn.xinyong.openapi.platform.web;

/**
 * HTTP caching for public open data: Cache-Control values, and entity tags that are weak (the same data may
 * leave gzip-compressed or not, so the tag promises equal content, not equal bytes) and compared weakly, as
 * If-None-Match requires (RFC 9110 §13.1.2): {@code W/"x"} and {@code "x"} match.
 */
public final class Caching {

    private Caching() {
    }

    /** {@code public, max-age=seconds}: any cache may keep the answer that long. */
    public static String publicFor(int seconds) {
        return "public, max-age=" + seconds;
    }

    /** The ETag header value for an opaque tag: weak. */
    public static String etag(String opaque) {
        return "W/\"" + opaque + "\"";
    }

    /** Whether an If-None-Match header (a list of tags, or *) matches the opaque tag, compared weakly. */
    public static boolean notModified(String ifNoneMatch, String opaque) {
        if (ifNoneMatch == null || ifNoneMatch.isBlank()) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String t = candidate.strip();
            if (t.equals("*")) {
                return true;
            }
            if (t.startsWith("W/")) {
                t = t.substring(2);
            }
            if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"") && t.substring(1, t.length() - 1).equals(opaque)) {
                return true;
            }
        }
        return false;
    }
}
