package cn.xinyong.openapi.platform.web;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Builds {@code next} links (the same request with the cursor replaced) on the service's public address: the
 * configured base URL ({@code XINYONG_PUBLIC_BASE_URL}, e.g. {@code https://api.example.gov.cn}) when there is one;
 * otherwise the request's own scheme and host, taking {@code X-Forwarded-Proto}/{@code X-Forwarded-Host} (or
 * {@code Forwarded}) only from a trusted proxy ({@code XINYONG_TRUSTED_PROXIES}). Behind TLS termination the
 * links are then https, and a forged Host or forwarded header from anyone else is not reflected.
 */
@ApplicationScoped
public class Links {

    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]{1,253}(:[0-9]{1,5})?|\\[[0-9A-Fa-f:.]{2,45}\\](:[0-9]{1,5})?");

    private final Optional<String> base;
    private final TrustedProxies trustedProxies;
    private final CurrentVertxRequest current;

    Links(@ConfigProperty(name = "xinyong.http.public-base-url") Optional<String> base,
            TrustedProxies trustedProxies, CurrentVertxRequest current) {
        this.base = base.map(b -> b.strip().replaceAll("/+$", "")).filter(b -> !b.isEmpty());
        this.trustedProxies = trustedProxies;
        this.current = current;
    }

    public String next(UriInfo uri, String param, String cursor) {
        if (cursor == null) {
            return null;
        }
        URI request = uri.getRequestUriBuilder().replaceQueryParam(param, cursor).build();
        return base(uri) + request.getRawPath() + (request.getRawQuery() == null ? "" : "?" + request.getRawQuery());
    }

    /**
     * The service's public address (scheme and host, no trailing slash): the configured base URL, else the
     * request's, with the forwarded scheme and host of a trusted proxy only.
     */
    public String base(UriInfo uri) {
        if (base.isPresent()) {
            return base.get();
        }
        URI request = uri.getRequestUri();
        String scheme = request.getScheme();
        String host = request.getRawAuthority();
        RoutingContext context = current.getCurrent();
        if (context != null && context.request().remoteAddress() != null
                && trustedProxies.trusts(context.request().remoteAddress().hostAddress())) {
            String proto = first(context.request().getHeader("X-Forwarded-Proto"));
            String forwardedHost = first(context.request().getHeader("X-Forwarded-Host"));
            String forwarded = context.request().getHeader("Forwarded");
            if (forwarded != null) {
                proto = proto != null ? proto : parameter(forwarded, "proto");
                forwardedHost = forwardedHost != null ? forwardedHost : parameter(forwarded, "host");
            }
            if ("https".equalsIgnoreCase(proto) || "http".equalsIgnoreCase(proto)) {
                scheme = proto.toLowerCase(java.util.Locale.ROOT);
            }
            if (forwardedHost != null && HOST.matcher(forwardedHost).matches()) {
                host = forwardedHost;
            }
        }
        return scheme + "://" + host;
    }

    private static String first(String header) {
        return header == null ? null : header.split(",")[0].strip();
    }

    /** A parameter of the first element of a Forwarded header (RFC 7239). */
    private static String parameter(String forwarded, String name) {
        for (String pair : forwarded.split(",")[0].split(";")) {
            String[] kv = pair.strip().split("=", 2);
            if (kv.length == 2 && kv[0].strip().equalsIgnoreCase(name)) {
                return kv[1].strip().replace("\"", "");
            }
        }
        return null;
    }
}
