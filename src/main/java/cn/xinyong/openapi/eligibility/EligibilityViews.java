package cn.xinyong.openapi.eligibility;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import cn.xinyong.openapi.platform.web.CodeBatch;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Shapes of the 信易+ API. */
public final class EligibilityViews {

    private EligibilityViews() {
    }

    @Schema(name = "XinyiScheme", description = "A 信易+ scheme and its rules")
    public record SchemeView(String code, String name, String description,
            @Schema(description = "Where the criteria come from: the plan's words where it gives any, else the stated "
                    + "default operators may change (默认条件，可调整)") String basis,
            List<String> benefits,
            @Schema(description = "Scope a partner token needs to ask") String requiredScope,
            @Schema(description = "How long a decision holds (ISO-8601)") String decisionTtl,
            @Schema(description = "Whether decisions report high-consumption restrictions") boolean reportsRestrictions,
            List<RuleView> rules) {
    }

    @Schema(name = "XinyiRule")
    public record RuleView(String type, String description) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "EligibilityDecision", description = "An explainable, signed 信易+ decision")
    public record Decision(
            @Schema(description = "Decision id (the token's jti)") String decisionId,
            String scheme,
            @Schema(description = "统一社会信用代码") String subject,
            boolean eligible,
            @Schema(description = "Benefits granted (empty when not eligible)") List<String> benefits,
            @Schema(description = "Every rule with its outcome and evidence") List<Rule.Outcome> rules,
            @Schema(description = "High-consumption restrictions the subject is under (限制高消费)") List<String> restrictions,
            @Schema(description = "Restrictions suspended while the records they rest on are under objection review "
                    + "(异议核查中); absent when there are none") List<String> suspendedRestrictions,
            @Schema(description = "When the read model last changed for this subject") Instant dataAsOf,
            Instant decidedAt,
            Instant expiresAt,
            @Schema(description = "The decision as a compact JWS (ES256), verifiable with GET /v1/xinyi/jwks") String token) {
    }

    @Schema(name = "EligibilityBatchRequest")
    public record BatchRequest(
            @Schema(description = "Up to 1,000 codes", required = true)
            @NotNull(message = "is required") @Size(min = 1, max = CodeBatch.MAX_SUBJECTS)
            List<@NotNull(message = "must be a code") String> subjects) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "EligibilityBatchItem")
    public record BatchItem(int index, String subject,
            @Schema(enumeration = {"decided", "notFound", "invalid"}) String status, Decision decision, String error) {
    }

    @Schema(name = "EligibilityBatch")
    public record Batch(String scheme, List<BatchItem> results) {
    }
}
