package cn.xinyong.openapi.screening;

import cn.xinyong.openapi.platform.problem.Problem;
import cn.xinyong.openapi.readmodel.view.ListEntryView;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import cn.xinyong.openapi.platform.web.CodeBatch;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request and response of batch screening (信用核查). */
public final class ScreeningViews {

    private ScreeningViews() {
    }

    @Schema(name = "ScreeningRequest", description = "Up to 1,000 subjects to check against the lists")
    public record Request(
            @Schema(description = "Subjects, each with a 统一社会信用代码 or a name (and optional region)", required = true)
            @NotNull(message = "is required") @Size(min = 1, max = CodeBatch.MAX_SUBJECTS)
            List<@NotNull(message = "must be an object") Subject> subjects,
            @Schema(description = "List codes to check; all lists when absent", example = "[\"seriousDishonesty\",\"judgmentDefaulter\"]")
            List<@NotNull(message = "must be a list code") String> lists,
            @Schema(description = "Lowest name-match score to report, 0-1 (default 0.6)")
            @DecimalMin("0") @DecimalMax("1") Double minScore,
            @Schema(description = "Most candidate entities per name subject, 1-10 (default 3)")
            @Min(1) @Max(10) Integer maxMatches) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "ScreeningSubject", description = "One subject: uscc, or name with an optional region")
    public record Subject(
            @Schema(description = "统一社会信用代码") String uscc,
            @Schema(description = "主体名称", example = "武汉市恒泰商贸有限公司") String name,
            @Schema(description = "行政区划代码 prefix narrowing a name match", example = "4201") String region,
            @Schema(description = "The caller's own reference, echoed back") String reference) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "ScreeningMatch", description = "An entity the subject matched, with its current listings")
    public record Match(String uscc, String name,
            @Schema(description = "1 for a code or an exact (normalised) name; lower for similar names") double score,
            @Schema(description = "Current entries on the checked lists") List<ListEntryView> listings) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "ScreeningResult", description = "The outcome for one subject, in input order")
    public record Result(int index, Subject input,
            @Schema(description = "listed: a match is on a checked list; suspended: every such listing is under "
                    + "objection review (异议核查中), its punishments suspended; clear: matched, not listed; "
                    + "notFound: no entity matched; invalid: see error",
                    enumeration = {"listed", "suspended", "clear", "notFound", "invalid"}) String status,
            List<Match> matches, Problem.FieldError error) {
    }

    @Schema(name = "ScreeningResponse")
    public record Response(Instant screenedAt, List<String> lists, Summary summary, List<Result> results) {
    }

    @Schema(name = "ScreeningSummary")
    public record Summary(int subjects, int listed, int clear, int notFound, int invalid) {
    }
}
