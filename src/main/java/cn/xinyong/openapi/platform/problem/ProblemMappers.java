package cn.xinyong.openapi.platform.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.quarkus.logging.Log;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one error model: every failure leaves as RFC 9457 problem+json. Client mistakes keep their
 * status; anything unexpected becomes a generic 500 that names no class and shows no stack trace.
 */
public class ProblemMappers {

    @ServerExceptionMapper
    public Response apiProblem(ApiProblem problem, UriInfo uri) {
        return response(problem.type(), problem.getMessage(), uri, problem.errors());
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        ProblemType type = switch (status) {
            case 400 -> ProblemType.INVALID_REQUEST;
            case 401 -> ProblemType.UNAUTHORIZED;
            case 403 -> ProblemType.FORBIDDEN;
            case 404 -> ProblemType.NOT_FOUND;
            case 405 -> ProblemType.METHOD_NOT_ALLOWED;
            case 406 -> ProblemType.NOT_ACCEPTABLE;
            case 413 -> ProblemType.PAYLOAD_TOO_LARGE;
            case 415 -> ProblemType.UNSUPPORTED_MEDIA_TYPE;
            case 429 -> ProblemType.RATE_LIMITED;
            case 503 -> ProblemType.UNAVAILABLE;
            default -> status < 500 ? ProblemType.INVALID_REQUEST : ProblemType.INTERNAL;
        };
        if (status >= 500) {
            Log.errorf(e, "request %s failed with %d", LogSafe.path(uri.getPath()), status);
            return response(type, null, uri, List.of());
        }
        String detail = status == 400 ? "The request could not be read" : null;
        Response answer = response(type, detail, uri, List.of());
        if (status == 405 && e.getResponse().getHeaderString("Allow") != null) {
            return Response.fromResponse(answer).header("Allow", e.getResponse().getHeaderString("Allow")).build();
        }
        return answer;
    }

    @ServerExceptionMapper({io.quarkus.security.UnauthorizedException.class,
        io.quarkus.security.AuthenticationFailedException.class,
        io.quarkus.security.AuthenticationCompletionException.class})
    public Response unauthenticated(RuntimeException e, UriInfo uri) {
        return Response.fromResponse(response(ProblemType.UNAUTHORIZED,
                "Send a valid bearer token (missing, expired, wrongly signed or for another audience)", uri, List.of()))
                .header("WWW-Authenticate", "Bearer").build();
    }

    @ServerExceptionMapper(io.quarkus.security.ForbiddenException.class)
    public Response forbidden(RuntimeException e, UriInfo uri) {
        return response(ProblemType.FORBIDDEN, "Your token does not allow this operation", uri, List.of());
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e, UriInfo uri) {
        String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                + e.getLocation().getColumnNr() + ")";
        return response(ProblemType.INVALID_REQUEST, "The JSON body is malformed" + where, uri, List.of());
    }

    @ServerExceptionMapper
    public Response unavailable(BackendUnavailableException e, UriInfo uri) {
        Log.warnf("backend unavailable on %s: %s", LogSafe.path(uri.getPath()), e.getMessage());
        return Response.fromResponse(response(ProblemType.UNAVAILABLE, null, uri, List.of()))
                .header("Retry-After", "5").build();
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e, UriInfo uri) {
        Log.errorf(e, "unexpected failure on %s", LogSafe.path(uri.getPath()));
        return response(ProblemType.INTERNAL, null, uri, List.of());
    }

    public static Response response(ProblemType type, String detail, UriInfo uri, List<Problem.FieldError> errors) {
        Problem body = new Problem(type.uri(), type.title(), type.status(), detail,
                uri == null ? null : uri.getPath(), errors);
        return Response.status(type.status()).type(Problem.MEDIA_TYPE).entity(body).build();
    }
}
