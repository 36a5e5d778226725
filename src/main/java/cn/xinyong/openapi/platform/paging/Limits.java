package cn.xinyong.openapi.platform.paging;

import cn.xinyong.openapi.platform.problem.Problem;
import java.util.List;

/** Parses {@code limit} parameters: 1-100 and 20 when absent, unless an endpoint says otherwise. */
public final class Limits {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    private Limits() {
    }

    public static int limit(String raw, List<Problem.FieldError> errors) {
        return limit(raw, DEFAULT_LIMIT, MAX_LIMIT, errors);
    }

    /** The limit from 1 to {@code max}, {@code fallback} when absent; an error is added otherwise. */
    public static int limit(String raw, int fallback, int max, List<Problem.FieldError> errors) {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.strip());
            if (value >= 1 && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(new Problem.FieldError("limit", "must be a whole number from 1 to " + max));
        return fallback;
    }
}
