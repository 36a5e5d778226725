package cn.xinyong.openapi.rights;

import cn.xinyong.openapi.platform.web.Texts;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Requests and answers of subjects' applications (异议, 信用修复). */
public final class RightsViews {

    /** The datasets a subject may object to a record of. */
    public static final String OBJECTABLE = "licence|penalty|commitment|listEntry|personRecord";

    private RightsViews() {
    }

    @Schema(name = "ObjectionRequest", description = "An objection (异议) to one of the caller's own records")
    public record ObjectionRequest(
            @Schema(description = "The record's dataset: licence, penalty, commitment, listEntry (organisations) or "
                    + "personRecord (residents)", required = true,
                    enumeration = {"licence", "penalty", "commitment", "listEntry", "personRecord"})
            @NotNull(message = "is required") @Pattern(regexp = OBJECTABLE, message = "must be one of [" + OBJECTABLE + "]")
            String dataset,
            @Schema(description = "The record's id, as the API shows it", required = true)
            @NotBlank(message = "is required") @Size(max = 128) String recordId,
            @Schema(description = "What is wrong with the record (异议理由)", required = true)
            @NotBlank(message = "is required") @Size(max = 2000)
            @Pattern(regexp = Texts.NO_CONTROL_CHARACTERS, message = Texts.NO_CONTROL_CHARACTERS_MESSAGE) String reason,
            @Schema(description = "References to the evidence (证明材料): document numbers, file ids of the caller's "
                    + "own storage; at most 20")
            @Size(max = 20) List<@NotBlank(message = "must not be blank") @Size(max = 200)
                    @Pattern(regexp = Texts.NO_CONTROL_CHARACTERS, message = Texts.NO_CONTROL_CHARACTERS_MESSAGE) String> evidence) {
    }

    @Schema(name = "RepairRequest", description = "An application to repair (信用修复) one of the organisation's records")
    public record RepairRequest(
            @Schema(description = "penalty or listEntry", required = true, enumeration = {"penalty", "listEntry"})
            @NotNull(message = "is required") @Pattern(regexp = "penalty|listEntry", message = "must be one of [penalty, listEntry]")
            String dataset,
            @Schema(description = "The record's id", required = true)
            @NotBlank(message = "is required") @Size(max = 128) String recordId,
            @Schema(description = "The text of the 信用修复型 commitment (信用修复承诺书)", required = true)
            @NotBlank(message = "is required: a credit-repair commitment") @Size(max = 2000)
            @Pattern(regexp = Texts.NO_CONTROL_CHARACTERS, message = Texts.NO_CONTROL_CHARACTERS_MESSAGE) String commitment,
            @Schema(description = "References to the proof of correction and, where needed, the training certificate; "
                    + "at most 20")
            @Size(max = 20) List<@NotBlank(message = "must not be blank") @Size(max = 200)
                    @Pattern(regexp = Texts.NO_CONTROL_CHARACTERS, message = Texts.NO_CONTROL_CHARACTERS_MESSAGE) String> evidence) {
    }

    @Schema(name = "RepairOptions", description = "The organisation's negative records and when each may be repaired")
    public record RepairOptions(String subject, @Schema(description = "The day the periods are counted on") java.time.LocalDate asOf,
            List<RepairRules.Repairability> records) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "ApplicationStep", description = "One step of an application's history")
    public record Step(
            @Schema(enumeration = {"submitted", "accepted", "refused", "verifying", "upheld", "dismissed"}) String status,
            Instant at, @Schema(description = "The deciding side's note") String note) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "RightsApplication", description = "An application (异议 or 信用修复) with its status history")
    public record Application(
            @Schema(description = "Application number (受理编号)", example = "YY-20261126-000001") String number,
            @Schema(enumeration = {"objection", "repair"}) String kind,
            @Schema(description = "Whose application: the organisation's 统一社会信用代码; absent for a resident")
            String organisation,
            String dataset, String recordId,
            @Schema(enumeration = {"submitted", "accepted", "refused", "verifying", "upheld", "dismissed"}) String status,
            String reason, List<String> evidence, Instant submittedAt, Instant updatedAt, List<Step> history) {
    }

    @Schema(name = "ApplicationStatusChange", description = "The platform's decision on an application")
    public record StatusChangeRequest(
            @Schema(required = true, enumeration = {"accepted", "refused", "verifying", "upheld", "dismissed"})
            @NotNull(message = "is required")
            @Pattern(regexp = "accepted|refused|verifying|upheld|dismissed",
                    message = "must be one of [accepted, refused, verifying, upheld, dismissed]") String status,
            @Schema(description = "A note for the applicant (e.g. why refused)") @Size(max = 1000)
            @Pattern(regexp = Texts.NO_CONTROL_CHARACTERS, message = Texts.NO_CONTROL_CHARACTERS_MESSAGE) String note) {
    }

    @Schema(name = "RightsApplicationPage", description = "Applications in submission order, for the platform")
    public record Page(List<Application> items, @Schema(description = "Position to continue from") String position,
            boolean more) {
    }
}
