package cn.xinyong.openapi.platform.problem;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** Bean Validation violations of a request record as the problem's {@code errors}. */
public final class Violations {

    private Violations() {
    }

    /** One error per violation, by field, in a stable order. */
    public static List<Problem.FieldError> errors(Collection<? extends ConstraintViolation<?>> violations) {
        return violations.stream().map(v -> new Problem.FieldError(field(v.getPropertyPath()), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field).thenComparing(Problem.FieldError::message))
                .toList();
    }

    /**
     * {@code subjects[3].uscc} from a violation's path, named as a mistyped field is; the method and the body
     * parameter are left out, and a violation of the body itself is named {@code body}. (Query and path
     * parameters are checked by {@code Params}, not by constraints.)
     */
    static String field(Path path) {
        StringBuilder out = new StringBuilder();
        for (Path.Node node : path) {
            if (node.getKind() != ElementKind.PROPERTY && node.getKind() != ElementKind.CONTAINER_ELEMENT
                    && node.getKind() != ElementKind.BEAN) {
                continue;
            }
            if (node.getIndex() != null) {
                out.append('[').append(node.getIndex()).append(']');
            } else if (node.getKey() != null) {
                out.append('[').append(node.getKey()).append(']');
            }
            if (node.getName() != null && node.getKind() == ElementKind.PROPERTY) {
                out.append(out.isEmpty() ? "" : ".").append(node.getName());
            }
        }
        return out.isEmpty() ? "body" : out.toString();
    }
}
