package cn.xinyong.openapi.platform.problem;

/**
 * The stable kinds of error this API answers with. Each has a fixed {@code type} URI (relative to the
 * API's base, and documented at that path) and title; clients may switch on the type.
 */
public enum ProblemType {
    INVALID_REQUEST("invalid-request", "The request is not valid", 400),
    INVALID_USCC("invalid-uscc", "The 统一社会信用代码 (USCC) is not valid", 400),
    INVALID_CURSOR("invalid-cursor", "The pagination cursor is not valid for this query", 400),
    INVALID_FEED("invalid-feed", "The feed batch could not be read", 400),
    UNAUTHORIZED("unauthorized", "Authentication is required", 401),
    FORBIDDEN("forbidden", "The caller may not do this", 403),
    NOT_FOUND("not-found", "Not found", 404),
    ENTITY_NOT_FOUND("entity-not-found", "No entity with this 统一社会信用代码", 404),
    METHOD_NOT_ALLOWED("method-not-allowed", "Method not allowed", 405),
    NOT_ACCEPTABLE("not-acceptable", "No acceptable representation", 406),
    CONFLICT("conflict", "The request conflicts with what is recorded already", 409),
    PAYLOAD_TOO_LARGE("payload-too-large", "The request body is too large", 413),
    URI_TOO_LONG("uri-too-long", "The request URI is too long", 414),
    HEADERS_TOO_LARGE("headers-too-large", "The request header fields are too large", 431),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "Unsupported media type", 415),
    RATE_LIMITED("rate-limited", "Too many requests", 429),
    INTERNAL("internal", "Internal error", 500),
    UNAVAILABLE("unavailable", "A backing service is unavailable; try again shortly", 503);

    private final String slug;
    private final String title;
    private final int status;

    ProblemType(String slug, String title, int status) {
        this.slug = slug;
        this.title = title;
        this.status = status;
    }

    public String uri() {
        return "/problems/" + slug;
    }

    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }

    public int status() {
        return status;
    }
}
