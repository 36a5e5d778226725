package cn.xinyong.openapi.platform.web;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.util.Locale;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Headers every cache and proxy needs: {@code Vary: Accept-Encoding} on every answer (the server compresses when
 * the client accepts it, so a shared cache must keep the two apart), and {@code Cache-Control: no-store} on every
 * answer about a person ({@code /v1/me/*}, {@code /v1/persons/*}) and every answer to a request that carried
 * credentials and set no caching of its own.
 */
public class CachingHeaders {

    @ServerResponseFilter
    public void headers(ContainerRequestContext request, ContainerResponseContext response) {
        response.getHeaders().add("Vary", "Accept-Encoding");
        String path = request.getUriInfo().getPath().toLowerCase(Locale.ROOT);
        if (path.startsWith("/v1/me/") || path.startsWith("/v1/persons/") || path.equals("/v1/me")) {
            response.getHeaders().putSingle("Cache-Control", "no-store");
        } else if (!response.getHeaders().containsKey("Cache-Control")
                && request.getHeaderString("Authorization") != null) {
            response.getHeaders().putSingle("Cache-Control", "private, no-store");
        }
    }
}
