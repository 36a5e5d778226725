package cn.xinyong.openapi.platform.web;

import jakarta.ws.rs.core.UriInfo;

/** Builds {@code next} links: the same request with the cursor replaced. */
public final class Links {

    private Links() {
    }

    public static String next(UriInfo uri, String param, String cursor) {
        return cursor == null ? null : uri.getRequestUriBuilder().replaceQueryParam(param, cursor).build().toString();
    }
}
