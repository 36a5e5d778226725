package cn.xinyong.openapi.platform.web;

/** Cache-Control values for public open data. */
public final class Caching {

    private Caching() {
    }

    /** {@code public, max-age=seconds}: any cache may keep the answer that long. */
    public static String publicFor(int seconds) {
        return "public, max-age=" + seconds;
    }
}
