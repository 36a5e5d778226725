package cn.xinyong.openapi.platform.search;

/** OpenSearch answered with an error status; carries the status and OpenSearch's error type. */
public class SearchFailure extends RuntimeException {
    private final int status;
    private final String errorType;

    public SearchFailure(int status, String errorType, String reason) {
        super("OpenSearch answered " + status + " " + errorType + ": " + reason);
        this.status = status;
        this.errorType = errorType;
    }

    public int status() {
        return status;
    }

    public String errorType() {
        return errorType;
    }
}
