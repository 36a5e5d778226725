package cn.xinyong.openapi.platform.problem;

import java.util.List;

/** An error the client can act on; the mapper turns it into problem+json with its type's status. */
public class ApiProblem extends RuntimeException {

    private final ProblemType type;
    private final List<Problem.FieldError> errors;

    public ApiProblem(ProblemType type, String detail) {
        this(type, detail, List.of());
    }

    public ApiProblem(ProblemType type, String detail, List<Problem.FieldError> errors) {
        super(detail, null, false, false);
        this.type = type;
        this.errors = List.copyOf(errors);
    }

    public static ApiProblem invalidField(String field, String message) {
        return new ApiProblem(ProblemType.INVALID_REQUEST, field + ": " + message,
                List.of(new Problem.FieldError(field, message)));
    }

    /** 404 for a code that names no public entity. */
    public static ApiProblem entityNotFound(String uscc) {
        return new ApiProblem(ProblemType.ENTITY_NOT_FOUND, "No public entity has the code " + uscc);
    }

    public ProblemType type() {
        return type;
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }
}
