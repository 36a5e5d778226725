package cn.xinyong.openapi.platform.problem;

/** Redis, OpenSearch or PostgreSQL could not answer: the client gets 503 with Retry-After. */
public class BackendUnavailableException extends RuntimeException {
    public BackendUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
