package cn.xinyong.openapi.platform.web;

import cn.xinyong.openapi.platform.id.Uscc;
import cn.xinyong.openapi.platform.problem.ApiProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A batch of 统一社会信用代码 as a request gives it: 1 to {@code max} codes (else 400 for the whole batch);
 * each code normalised, and an invalid one answered on its own while the valid ones go on.
 */
public record CodeBatch(List<String> raw, List<String> valid, List<Integer> positions, String[] errors) {

    public static CodeBatch of(List<String> raw, int max) {
        if (raw == null || raw.isEmpty() || raw.size() > max) {
            throw ApiProblem.invalidField("subjects", "give 1 to " + max + " codes");
        }
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
