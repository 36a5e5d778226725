package cn.xinyong.openapi.platform.paging;

import cn.xinyong.openapi.platform.problem.Problem;
import java.util.List;

/** Parses the {@code limit} parameter: 1-100, 20 when absent. */
public final class Limits {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    private Limits() {
    }

    public static int limit(String raw, List<Problem.FieldError> errors) {
        if (raw == null || raw.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int value = Integer.parseInt(raw.strip());
            if (value >= 1 && value <= MAX_LIMIT) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(new Problem.FieldError("limit", "must be a whole number from 1 to " + MAX_LIMIT));
        return DEFAULT_LIMIT;
    }
}
