package cn.xinyong.openapi.platform.web;

import cn.xinyong.openapi.platform.id.Uscc;
import cn.xinyong.openapi.platform.problem.ApiProblem;
import cn.xinyong.openapi.platform.problem.Problem;
import cn.xinyong.openapi.platform.problem.ProblemType;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Collects the errors of query parameters so one 400 names them all. */
public final class Params {

    private final List<Problem.FieldError> errors = new ArrayList<>();

    public List<Problem.FieldError> errors() {
        return errors;
    }

    public void error(String field, String message) {
        errors.add(new Problem.FieldError(field, message));
    }

    public LocalDate date(String field, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        if (!raw.strip().matches("\\d{4}-\\d{2}-\\d{2}")) {
            error(field, "must be a date as yyyy-mm-dd");
            return null;
        }
        try {
            return LocalDate.parse(raw.strip());
        } catch (DateTimeParseException e) {
            error(field, "must be a date as yyyy-mm-dd");
            return null;
        }
    }

    /** Checks that {@code from} is not after {@code to}. */
    public void range(String fromField, LocalDate from, String toField, LocalDate to) {
        if (from != null && to != null && from.isAfter(to)) {
            error(fromField, "is after " + toField);
        }
    }

    public String region(String raw) {
        if (raw != null && !raw.matches("\\d{2}|\\d{4}|\\d{6}")) {
            error("region", "must be 2, 4 or 6 digits of a 行政区划代码");
        }
        return raw;
    }

    public String uscc(String field, String raw) {
        if (raw == null) {
            return null;
        }
        String code = Uscc.normalise(raw);
        Uscc.problem(code).ifPresent(p -> error(field, p));
        return code;
    }

    public String oneOf(String field, String raw, Collection<String> allowed) {
        if (raw != null && !allowed.contains(raw)) {
            error(field, "must be one of " + allowed);
        }
        return raw;
    }

    public String text(String field, String raw, int max) {
        if (raw == null) {
            return null;
        }
        String v = raw.strip();
        if (v.isEmpty() || v.length() > max || v.chars().anyMatch(Character::isISOControl)) {
            error(field, "must be 1-" + max + " characters without control characters");
        }
        return v;
    }

    /** Adds the violations of a request record's constraints, so they are named in the same 400 as the rest. */
    public void violations(java.util.Set<? extends jakarta.validation.ConstraintViolation<?>> violations) {
        errors.addAll(cn.xinyong.openapi.platform.problem.Violations.errors(violations));
    }

    /** Throws one 400 naming every error collected. */
    public void check() {
        if (!errors.isEmpty()) {
            throw new ApiProblem(ProblemType.INVALID_REQUEST, "The request is not valid: "
                    + errors.stream().map(Problem.FieldError::field).distinct().toList(), errors);
        }
    }

    /** A consent id (UUID) from a path or query parameter; 400 naming the field otherwise. */
    public static java.util.UUID consentId(String field, String raw) {
        try {
            return java.util.UUID.fromString(raw);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ApiProblem.invalidField(field, "is not a consent id");
        }
    }

    /** A USCC path parameter: 400 invalid-uscc when it is not valid. */
    public static String usccPath(String raw) {
        String code = Uscc.normalise(raw);
        Uscc.problem(code).ifPresent(p -> {
            throw new ApiProblem(ProblemType.INVALID_USCC, p, List.of(new Problem.FieldError("uscc", p)));
        });
        return code;
    }
}
