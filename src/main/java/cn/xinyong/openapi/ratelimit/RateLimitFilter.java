package cn.xinyong.openapi.ratelimit;

import cn.xinyong.openapi.platform.problem.ProblemMappers;
import cn.xinyong.openapi.platform.problem.ProblemType;
import cn.xinyong.openapi.platform.security.Caller;
import cn.xinyong.openapi.platform.security.Callers;
import cn.xinyong.openapi.platform.security.SubjectHasher;
import cn.xinyong.openapi.platform.web.RateLimitGroup;
import cn.xinyong.openapi.platform.web.TrustedProxies;
import jakarta.ws.rs.container.ResourceInfo;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Applies the caller's plan to every {@code /v1} request: one bucket per caller and endpoint group.
 * Answers carry {@code RateLimit-Policy} and {@code RateLimit} (IETF httpapi draft, structured
 * fields); a request over the limit gets 429 problem+json with {@code Retry-After}.
 */
public class RateLimitFilter {

    private final TokenBucketLimiter limiter;
    private final RateLimitConfig config;
    private final CurrentIdentityAssociation identity;
    private final SubjectHasher hasher;
    private final TrustedProxies trustedProxies;
    private final java.util.Map<java.lang.reflect.Method, String> groups = new java.util.concurrent.ConcurrentHashMap<>();

    RateLimitFilter(TokenBucketLimiter limiter, RateLimitConfig config, CurrentIdentityAssociation identity,
            SubjectHasher hasher, TrustedProxies trustedProxies) {
        this.hasher = hasher;
        this.trustedProxies = trustedProxies;
        this.limiter = limiter;
        this.config = config;
        this.identity = identity;
    }

    @ServerRequestFilter
    public Uni<Response> limit(ContainerRequestContext context, HttpServerRequest request, ResourceInfo resource,
            io.vertx.ext.web.RoutingContext routing) {
        // The path as routed (normalised), so that // or ../ cannot dodge or mis-bucket the limit.
        String routed = context.getUriInfo().getPath();
        int from = 0;
        while (from < routed.length() && routed.charAt(from) == '/') {
            from++;
        }
        String path = "/" + routed.substring(from);
        if (!config.enabled() || path == null || !path.startsWith("/v1/")) {
            return Uni.createFrom().nullItem();
        }
        String address = ClientAddress.of(request, trustedProxies);
        return identity.getDeferredIdentity().flatMap(id -> {
            Caller caller = Callers.of(id, address);
            if (caller.kind() == Caller.Kind.ANONYMOUS && config.exemptAddresses().orElse(List.of()).contains(address)) {
                return Uni.createFrom().nullItem();
            }
            String group = group(resource);
            RateLimitConfig.Bucket bucket = bucket(caller.plan(), group);
            if (bucket == null) {
                return Uni.createFrom().item(ProblemMappers.response(ProblemType.FORBIDDEN,
                        "Your plan does not include " + group, path, List.of()));
            }
            // A resident counts on their own (an app's residents do not share one bucket), by the keyed hash; an
            // organisation by its code.
            String key = "rl:" + group + ":" + (caller.kind() == Caller.Kind.SUBJECT && caller.residentId() != null
                    ? "resident:" + hasher.hash(caller.residentId())
                    : caller.kind() == Caller.Kind.ORGANISATION && caller.organisation() != null
                            ? "organisation:" + caller.organisation() : caller.clientId());
            return limiter.take(key, bucket, group).map(decision -> {
                if (decision.allowed()) {
                    // Added as the headers go out, so that every answer carries them, a streamed one (an export)
                    // too, which response filters do not reach.
                    routing.addHeadersEndHandler(v -> headers(decision).forEach(h -> {
                        if (!routing.response().headers().contains(h[0])) {
                            routing.response().putHeader(h[0], h[1]);
                        }
                    }));
                    return null;
                }
                Response problem = ProblemMappers.response(ProblemType.RATE_LIMITED,
                        "Too many " + group + " requests; retry after " + decision.retryAfterSeconds() + " s", path,
                        List.of());
                Response.ResponseBuilder answer = Response.fromResponse(problem)
                        .header("Retry-After", decision.retryAfterSeconds());
                headers(decision).forEach(h -> answer.header(h[0], h[1]));
                return answer.build();
            });
        });
    }

    private static List<String[]> headers(TokenBucketLimiter.Decision d) {
        long window = (long) Math.ceil(d.bucket().burst() / d.bucket().rate());
        return List.of(
                new String[] {"RateLimit-Policy", "\"" + d.group() + "\";q=" + d.bucket().burst() + ";w=" + window},
                new String[] {"RateLimit", "\"" + d.group() + "\";r=" + d.remaining() + ";t=" + d.resetSeconds()});
    }

    private RateLimitConfig.Bucket bucket(String plan, String group) {
        var groups = config.plans().get(plan);
        if (groups == null) {
            groups = config.plans().get("standard");
        }
        return groups == null ? null : groups.get(group);
    }

    /** The endpoint group the matched resource method declares ({@link RateLimitGroup}), once per method. */
    String group(ResourceInfo resource) {
        java.lang.reflect.Method method = resource == null ? null : resource.getResourceMethod();
        if (method == null) {
            return RateLimitGroup.LOOKUPS;
        }
        return groups.computeIfAbsent(method, m -> {
            RateLimitGroup declared = m.getAnnotation(RateLimitGroup.class);
            if (declared == null) {
                declared = resource.getResourceClass().getAnnotation(RateLimitGroup.class);
            }
            return declared == null ? RateLimitGroup.LOOKUPS : declared.value();
        });
    }
}
