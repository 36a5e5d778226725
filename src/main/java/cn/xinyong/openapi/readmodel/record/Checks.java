package cn.xinyong.openapi.readmodel.record;

import cn.xinyong.openapi.platform.id.Uscc;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Collects the reasons a feed record is not acceptable, each naming its field. */
public final class Checks {

    private final List<String> problems = new ArrayList<>();

    public Checks required(String field, Object value) {
        if (value == null || value instanceof String s && s.isBlank()) {
            problems.add(field + " is required");
        }
        return this;
    }

    /** The subject a record is about: its 统一社会信用代码 and name, both required. */
    public Checks subject(String subjectId, String subjectName) {
        return required("subjectId", subjectId).uscc("subjectId", subjectId).required("subjectName", subjectName);
    }

    /** The deciding authority: its name required, its code (when given) a valid 统一社会信用代码. */
    public Checks authority(String authority, String authorityCode) {
        return required("authority", authority).uscc("authorityCode", authorityCode);
    }

    public Checks uscc(String field, String value) {
        if (value != null) {
            Uscc.problem(value).ifPresent(p -> problems.add(field + ": " + p));
        }
        return this;
    }

    public Checks oneOf(String field, String value, Collection<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            problems.add(field + " must be one of " + allowed + ", not '" + value + "'");
        }
        return this;
    }

    public Checks notBefore(String field, LocalDate value, String otherField, LocalDate other) {
        if (value != null && other != null && value.isBefore(other)) {
            problems.add(field + " (" + value + ") is before " + otherField + " (" + other + ")");
        }
        return this;
    }

    public Checks maxLength(String field, String value, int max) {
        if (value != null && value.length() > max) {
            problems.add(field + " is longer than " + max + " characters");
        }
        return this;
    }

    public Checks that(boolean condition, String problem) {
        if (!condition) {
            problems.add(problem);
        }
        return this;
    }

    public List<String> problems() {
        return problems;
    }
}
