package cn.xinyong.openapi.platform.web;

import cn.xinyong.openapi.platform.problem.LogSafe;
import cn.xinyong.openapi.platform.problem.Problem;
import cn.xinyong.openapi.platform.problem.ProblemType;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The request-size limits, answered as problem+json (414, 431, 413) before anything else runs. The HTTP server's
 * own limits (quarkus.http.limits.*) are set well above these, because the server rejects with an empty answer;
 * only a request beyond those outer bounds (64 KiB of request line, 256 KiB of headers) still gets one.
 */
@ApplicationScoped
public class RequestLimits {

    private final int maxUri;
    private final int maxHeaders;
    private final long maxBody;
    private final ObjectMapper json;

    RequestLimits(@ConfigProperty(name = "xinyong.http.max-uri-length", defaultValue = "8192") int maxUri,
            @ConfigProperty(name = "xinyong.http.max-header-bytes", defaultValue = "32768") int maxHeaders,
            @ConfigProperty(name = "xinyong.http.max-body-size", defaultValue = "64M") MemorySize maxBody, ObjectMapper json) {
        this.maxUri = maxUri;
        this.maxHeaders = maxHeaders;
        this.maxBody = maxBody.asLongValue();
        this.json = json;
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 10).handler(this::check);
    }

    void check(RoutingContext context) {
        HttpServerRequest request = context.request();
        String uri = request.uri();
        if (uri.length() > maxUri) {
            refuse(context, ProblemType.URI_TOO_LONG, "The request URI has " + uri.length() + " characters; at most " + maxUri
                    + " are accepted (send long inputs in a POST body)");
            return;
        }
        long headerBytes = 0;
        for (Map.Entry<String, String> h : request.headers()) {
            headerBytes += h.getKey().length() + h.getValue().length() + 4;
        }
        if (headerBytes > maxHeaders) {
            refuse(context, ProblemType.HEADERS_TOO_LARGE, "The request headers take " + headerBytes + " bytes; at most "
                    + maxHeaders + " are accepted");
            return;
        }
        String length = request.getHeader("Content-Length");
        if (length != null) {
            try {
                if (Long.parseLong(length.strip()) > maxBody) {
                    refuse(context, ProblemType.PAYLOAD_TOO_LARGE, "The request body has " + length.strip()
                            + " bytes; at most " + maxBody + " are accepted");
                    return;
                }
            } catch (NumberFormatException e) {
                refuse(context, ProblemType.INVALID_REQUEST, "Content-Length is not a number");
                return;
            }
        }
        context.next();
    }

    private void refuse(RoutingContext context, ProblemType type, String detail) {
        String path = context.request().path();
        Problem body = new Problem(type.uri(), type.title(), type.status(), detail,
                path == null || path.length() > 200 ? null : LogSafe.path(path), List.of());
        try {
            context.response().setStatusCode(type.status()).putHeader("Content-Type", Problem.MEDIA_TYPE)
                    .putHeader("Connection", "close").end(json.writeValueAsString(body));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            context.fail(e);
        }
    }
}
