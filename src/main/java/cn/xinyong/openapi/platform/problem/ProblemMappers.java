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

    /** The challenge every 401 carries (RFC 9110 §11.6.1). */
    public static final String CHALLENGE = "Bearer realm=\"xinyong-open-api\"";

    private final AllowedMethods allowed;
    /** The stores' host:port pairs, to tell which one a refused connection was going to. */
    private final java.util.Map<String, List<String>> endpoints;

    ProblemMappers(AllowedMethods allowed,
            @org.eclipse.microprofile.config.inject.ConfigProperty(name = "quarkus.datasource.reactive.url") String postgres,
            @org.eclipse.microprofile.config.inject.ConfigProperty(name = "xinyong.redis.url") String redis,
            @org.eclipse.microprofile.config.inject.ConfigProperty(name = "xinyong.opensearch.hosts") String opensearch) {
        this.allowed = allowed;
        this.endpoints = new java.util.LinkedHashMap<>();
        endpoints.put("PostgreSQL", Outages.hostPorts(postgres));
        endpoints.put("Redis", Outages.hostPorts(redis));
        endpoints.put("OpenSearch", Outages.hostPorts(opensearch));
    }

    @ServerExceptionMapper
    public Response apiProblem(ApiProblem problem, UriInfo uri) {
        Response answer = response(problem.type(), problem.getMessage(), uri, problem.errors());
        return problem.type() == ProblemType.UNAUTHORIZED
                ? Response.fromResponse(answer).header("WWW-Authenticate", CHALLENGE).build()
                : problem.type().status() == 503 ? Response.fromResponse(answer).header("Retry-After", "1").build()
                : answer;
    }

    /**
     * A body of the wrong shape ({@code "subjects":"abc"}, a date-only instant, a number for a list): 400 naming
     * the field and what it must be. Jackson's own mapper would answer an empty 400.
     */
    @ServerExceptionMapper
    public Response mistypedJson(com.fasterxml.jackson.databind.exc.MismatchedInputException e, UriInfo uri) {
        return mistyped(e, e.getTargetType(), uri);
    }

    @ServerExceptionMapper
    public Response unreadableJson(com.fasterxml.jackson.databind.JsonMappingException e, UriInfo uri) {
        return mistyped(e, null, uri);
    }

    private static Response mistyped(com.fasterxml.jackson.databind.JsonMappingException e, Class<?> target, UriInfo uri) {
        String field = fieldPath(e.getPath());
        if (field.isEmpty()) {
            return response(ProblemType.INVALID_REQUEST, "The JSON body does not have the expected shape (an object)", uri,
                    List.of());
        }
        String message = "must be " + expected(target);
        return response(ProblemType.INVALID_REQUEST, field + " " + message, uri, List.of(new Problem.FieldError(field, message)));
    }

    /**
     * A request record that breaks its constraints (Bean Validation on the resource's parameters): 400 with one
     * error per violation, named as a mistyped field is ({@code subjects}, {@code subjects[3].uscc},
     * {@code limit}), the record's own rules under the property they concern.
     */
    @ServerExceptionMapper
    public Response invalidRequest(jakarta.validation.ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = Violations.errors(e.getConstraintViolations());
        return response(ProblemType.INVALID_REQUEST, "The request is not valid: "
                + errors.stream().map(Problem.FieldError::field).distinct().toList(), uri, errors);
    }

    /** {@code subjects[0].uscc} from Jackson's reference path. */
    static String fieldPath(List<com.fasterxml.jackson.databind.JsonMappingException.Reference> path) {
        StringBuilder out = new StringBuilder();
        for (var ref : path) {
            if (ref.getFieldName() != null) {
                out.append(out.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    private static String expected(Class<?> target) {
        if (target == null) {
            return "of the documented type";
        }
        if (java.util.Collection.class.isAssignableFrom(target) || target.isArray()) {
            return "an array";
        }
        if (target == String.class) {
            return "a string";
        }
        if (target == java.time.Instant.class || target == java.time.OffsetDateTime.class) {
            return "a date-time with its offset (ISO-8601, e.g. 2026-12-31T00:00:00Z)";
        }
        if (target == java.time.LocalDate.class) {
            return "a date (ISO-8601, e.g. 2026-12-31)";
        }
        if (target == Boolean.class || target == boolean.class) {
            return "true or false";
        }
        if (Number.class.isAssignableFrom(target) || target.isPrimitive()) {
            return "a number";
        }
        if (target == java.util.UUID.class) {
            return "a UUID";
        }
        return "an object";
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
        if (status == 405) {
            String allow = e.getResponse().getHeaderString("Allow");
            allow = allow != null ? allow : allowed.allow(uri.getPath());
            return allow == null ? answer : Response.fromResponse(answer).header("Allow", allow).build();
        }
        if (status == 401) {
            return Response.fromResponse(answer).header("WWW-Authenticate", CHALLENGE).build();
        }
        return answer;
    }

    @ServerExceptionMapper({io.quarkus.security.UnauthorizedException.class,
        io.quarkus.security.AuthenticationFailedException.class,
        io.quarkus.security.AuthenticationCompletionException.class})
    public Response unauthenticated(RuntimeException e, UriInfo uri) {
        return Response.fromResponse(response(ProblemType.UNAUTHORIZED,
                "Send a valid bearer token (missing, expired, wrongly signed or for another audience)", uri, List.of()))
                .header("WWW-Authenticate", CHALLENGE).build();
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
        String message = String.valueOf(e.getMessage());
        Outages.report(!message.startsWith("Redis") && (message.startsWith("OpenSearch") || message.contains("index"))
                ? "OpenSearch" : "Redis", message);
        return unavailable(uri);
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e, UriInfo uri) {
        if (Outages.isUnreachable(e)) {
            // Stores reached without the read model's own guard (PostgreSQL: consents, audit, feedback, positions).
            Outages.report(Outages.storeOf(e, endpoints), e.getClass().getSimpleName() + ": " + e.getMessage());
            return unavailable(uri);
        }
        Log.errorf(e, "unexpected failure on %s", LogSafe.path(uri.getPath()));
        return response(ProblemType.INTERNAL, null, uri, List.of());
    }

    private static Response unavailable(UriInfo uri) {
        return Response.fromResponse(response(ProblemType.UNAVAILABLE,
                "A backing store cannot be reached; retry after the time given", uri, List.of()))
                .header("Retry-After", "5").build();
    }

    public static Response response(ProblemType type, String detail, UriInfo uri, List<Problem.FieldError> errors) {
        return response(type, detail, uri == null ? null : uri.getPath(), errors);
    }

    public static Response response(ProblemType type, String detail, String instance, List<Problem.FieldError> errors) {
        Problem body = new Problem(type.uri(), type.title(), type.status(), detail, instance, errors);
        return Response.status(type.status()).type(Problem.MEDIA_TYPE).entity(body).build();
    }
}
