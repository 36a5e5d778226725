package cn.xinyong.openapi.platform.web;

import cn.xinyong.openapi.platform.id.Uscc;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A batch of 统一社会信用代码 as a request gives it, its size already checked by the request record's
 * constraints (1 to {@link #MAX_SUBJECTS}): each code normalised, and an invalid one answered on its own while
 * the valid ones go on.
 */
public record CodeBatch(List<String> raw, List<String> valid, List<Integer> positions, String[] errors) {

    /** The most subjects one batch request (screening, eligibility, measure check) may name. */
    public static final int MAX_SUBJECTS = 1000;

    public static CodeBatch of(List<String> raw) {
        List<String> valid = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        String[] errors = new String[raw.size()];
        for (int i = 0; i < raw.size(); i++) {
            String code = Uscc.normalise(raw.get(i));
            Optional<String> problem = code == null ? Optional.of("is empty") : Uscc.problem(code);
            if (problem.isPresent()) {
                errors[i] = problem.get();
            } else {
                valid.add(code);
                positions.add(i);
            }
        }
        return new CodeBatch(raw, valid, positions, errors);
    }

    /** The answers in input order: {@code answer(position, code, result)} for valid codes, {@code invalid} for the rest. */
    public <R, T> List<T> answers(List<R> results, Answer<R, T> answer, Invalid<T> invalid) {
        List<T> out = new ArrayList<>(raw.size());
        for (int i = 0; i < raw.size(); i++) {
            out.add(null);
        }
        for (int i = 0; i < raw.size(); i++) {
            if (errors[i] != null) {
                out.set(i, invalid.answer(i, raw.get(i), errors[i]));
            }
        }
        for (int k = 0; k < results.size(); k++) {
            out.set(positions.get(k), answer.answer(positions.get(k), valid.get(k), results.get(k)));
        }
        return out;
    }

    /** How a valid code's result is answered. */
    public interface Answer<R, T> {
        T answer(int index, String code, R result);
    }

    /** How an invalid code is answered. */
    public interface Invalid<T> {
        T answer(int index, String raw, String error);
    }
}
