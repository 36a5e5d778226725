package cn.xinyong.openapi.platform.security;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Every {@code /internal/*} request shows the ingest token before anything else of it is read: a request
 * without it is 401 whatever its body, never a 400 about a body it had no right to send.
 */
public class InternalGate {

    private final InternalToken token;

    InternalGate(InternalToken token) {
        this.token = token;
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public void check(ContainerRequestContext request) {
        if (request.getUriInfo().getPath().startsWith("/internal/")) {
            token.authorize(request.getHeaderString("Authorization"));
        }
    }
}
