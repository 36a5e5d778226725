package cn.xinyong.openapi.measures;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import cn.xinyong.openapi.platform.web.CodeBatch;
import cn.xinyong.openapi.platform.web.Texts;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Shapes of the 联合奖惩 API. */
public final class MeasureViews {

    private MeasureViews() {
    }

    @Schema(name = "MeasureCatalogue", description = "The measure catalogue in force (联合奖惩措施清单)")
    public record Catalogue(@Schema(description = "Catalogue version; decisions name it") String version,
            List<Measure> measures) {
    }

    @Schema(name = "Matter", description = "A matter (事项) a department checks credit for")
    public record Matter(@Schema(example = "bidding") String code, @Schema(example = "招标投标") String name) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "MeasureEvidence", description = "A record that triggers the measure")
    public record Evidence(
            @Schema(description = "The record's id (a list entry, penalty, commitment) or, for a linked entity, its USCC; "
                    + "absent for a person's own records, which are never identified") String recordId,
            @Schema(enumeration = {"listEntry", "penalty", "commitment", "creditGrade", "entity", "legalRepresentative",
                "representedEntity", "person"}) String kind,
            LocalDate date, @Schema(description = "认定/决定部门") String authority, String detail,
            @Schema(description = "Under objection review (异议核查中)") boolean disputed) {
    }

    @Schema(name = "ApplicableMeasure", description = "A measure that applies (or is suspended) for the subject and matter")
    public record Applicable(String code, String name, String kind,
            @Schema(enumeration = {"mandatory", "recommended"}) String measureClass, Integer group,
            @Schema(enumeration = {"block", "restrict", "review", "prioritise"}) String effect,
            @Schema(description = "applies, or suspended: it rests only on records under objection review",
                    enumeration = {"applies", "suspended"}) String status,
            List<String> targets, List<String> implementingAuthorities, Measure.Basis basis, String text,
            List<Evidence> evidence) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "MeasureDecision", description = "The 应查必查 answer for one subject and matter, signed")
    public record Decision(
            @Schema(description = "Decision id (the token's jti): report what you did with it by this id") String decisionId,
            @Schema(description = "统一社会信用代码 (absent for a person's check)") String subject,
            @Schema(description = "主体名称") String subjectName,
            @Schema(description = "A natural person's check: the consent it was read under. The person is never named")
            java.util.UUID consentId,
            String matter, @Schema(description = "事项名称") String matterName,
            @Schema(description = "block: a mandatory punishment applies; restrict: a recommended one; review: check "
                    + "closely (a watch measure, or a punishment suspended during an objection); prioritise: only "
                    + "incentives; none: nothing applies; unknown: the platform does not know the subject",
                    enumeration = {"block", "restrict", "review", "prioritise", "none", "unknown"}) String decision,
            List<Applicable> measures,
            @Schema(description = "The catalogue version the decision was made with") String catalogueVersion,
            @Schema(description = "When the read model last changed for this subject") Instant dataAsOf,
            Instant decidedAt, Instant expiresAt,
            @Schema(description = "The decision as a compact JWS (ES256), verifiable offline with GET /v1/xinyi/jwks; "
                    + "keep it as proof of the check and send it back with the feedback") String token) {
    }

    @Schema(name = "MeasureCheckBatchRequest")
    public record BatchRequest(
            @Schema(description = "The matter (事项) code", example = "bidding", required = true)
            @NotBlank(message = "is required: a matter code from GET /v1/measures/matters") String matter,
            @Schema(description = "Up to 1,000 统一社会信用代码", required = true)
            @NotNull(message = "is required") @Size(min = 1, max = CodeBatch.MAX_SUBJECTS)
            List<@NotNull(message = "must be a code") String> subjects) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "MeasureCheckBatchItem")
    public record BatchItem(int index, String subject,
            @Schema(enumeration = {"decided", "invalid"}) String status, Decision decision, String error) {
    }

    @Schema(name = "MeasureCheckBatch")
    public record Batch(String matter, List<BatchItem> results) {
    }

    @Schema(name = "MeasureFeedbackRequest", description = "What the checking system did with a decision (执行反馈)")
    @FeedbackRequest.Complete
    public record FeedbackRequest(
            @Schema(description = "The decision's token, as received", required = true)
            @NotBlank(message = "is required: send the decision's token back") String token,
            @Schema(description = "applied, notApplied (give a reason) or overridden (give the approval reference)",
                    enumeration = {"applied", "notApplied", "overridden"}, required = true)
            @NotNull(message = "is required")
            @Pattern(regexp = "applied|notApplied|overridden", message = "must be one of [applied, notApplied, overridden]")
            String outcome,
            @Schema(description = "Why it was not applied; required for notApplied")
            @Size(max = 1000) @Pattern(regexp = Texts.NO_CONTROL_CHARACTERS, message = Texts.NO_CONTROL_CHARACTERS_MESSAGE)
            String reason,
            @Schema(description = "The approval that overrode the decision (审批文号); required for overridden")
            @Size(max = 200) @Pattern(regexp = Texts.NO_CONTROL_CHARACTERS, message = Texts.NO_CONTROL_CHARACTERS_MESSAGE)
            String approvalReference) {

        /** notApplied needs its reason, overridden the approval that overrode the decision. */
        @jakarta.validation.Constraint(validatedBy = CompleteValidator.class)
        @java.lang.annotation.Target(java.lang.annotation.ElementType.TYPE)
        @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
        public @interface Complete {
            String message() default "is incomplete";

            Class<?>[] groups() default {};

            Class<? extends jakarta.validation.Payload>[] payload() default {};
        }

        /** Names the missing field itself: the problem's error is under {@code reason} or {@code approvalReference}. */
        public static final class CompleteValidator
                implements jakarta.validation.ConstraintValidator<Complete, FeedbackRequest> {
            @Override
            public boolean isValid(FeedbackRequest r, jakarta.validation.ConstraintValidatorContext ctx) {
                String missing = "notApplied".equals(r.outcome()) && blank(r.reason()) ? "reason"
                        : "overridden".equals(r.outcome()) && blank(r.approvalReference()) ? "approvalReference" : null;
                if (missing == null) {
                    return true;
                }
                ctx.disableDefaultConstraintViolation();
                ctx.buildConstraintViolationWithTemplate("reason".equals(missing)
                        ? "is required when the decision was not applied"
                        : "is required when the decision was overridden")
                        .addPropertyNode(missing).addConstraintViolation();
                return false;
            }

            private static boolean blank(String s) {
                return s == null || s.isBlank();
            }
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "MeasureFeedback", description = "A reported execution (执行反馈)")
    public record Feedback(String decisionId, String partnerId, String subject, String matter, String decision,
            List<String> measures, String outcome, String reason, String approvalReference, Instant decidedAt,
            Instant reportedAt) {
    }

    @Schema(name = "MeasureFeedbackCount")
    public record FeedbackCount(@Schema(description = "Measure code, matter, reporting partner or yyyy-MM") String key,
            long applied, long notApplied, long overridden) {
    }

    @Schema(name = "MeasureFeedbackStatistics", description = "Execution feedback counted for tracking and evaluation")
    public record FeedbackStatistics(@Schema(enumeration = {"measure", "matter", "authority", "month"}) String by,
            List<FeedbackCount> counts) {
    }

    @Schema(name = "MeasureFeedbackPage", description = "Feedback in the order it arrived, for the platform to collect")
    public record FeedbackPage(List<Feedback> items, @Schema(description = "Position to continue from") String position,
            boolean more) {
    }
}
