package cn.xinyong.openapi.reports;

import cn.xinyong.openapi.readmodel.record.EntityRecord;
import cn.xinyong.openapi.readmodel.view.CommitmentView;
import cn.xinyong.openapi.readmodel.view.EntityOpenRecord;
import cn.xinyong.openapi.readmodel.view.LicenceView;
import cn.xinyong.openapi.readmodel.view.ListEntryView;
import cn.xinyong.openapi.readmodel.view.PenaltyView;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The credit report (信用报告) and its verification. */
public final class ReportViews {

    private ReportViews() {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "CreditReport", description = "信用报告: an organisation's public credit record as of one moment")
    public record Report(
            @Schema(description = "报告编号", example = "XY-20261126-000001") String number,
            @Schema(description = "出具时间") Instant issuedAt,
            @Schema(description = "The data as of (数据截至)") Instant dataAsOf,
            @Schema(description = "验证码: with the number, lets a receiving department verify the report")
            String verificationCode,
            @Schema(description = "Where to verify it") String verifyAt,
            @Schema(description = "主体登记信息") EntityOpenRecord subject,
            @Schema(description = "信用等级") EntityRecord.CreditGrade grade,
            @Schema(description = "Current list memberships (名单信息)") List<ListEntryView> lists,
            @Schema(description = "行政许可") List<LicenceView> licences,
            @Schema(description = "行政处罚 still published (公示期内)") List<PenaltyView> penalties,
            @Schema(description = "信用承诺") List<CommitmentView> commitments,
            @Schema(description = "Said when the subject has no public records beyond its registration") String note) {
    }

    @Schema(name = "SignedCreditReport", description = "The report and the same report signed (ES256, verify with "
            + "GET /v1/xinyi/jwks): the token's claim `report` holds it")
    public record Signed(Report report, @Schema(description = "Compact JWS; jti is the report number") String token) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "CreditReportVerification", description = "Whether a report number and code were issued here")
    public record Verification(String number, boolean authentic, String subject, String subjectName, Instant issuedAt,
            @Schema(enumeration = {"json", "pdf"}) String format,
            @Schema(description = "SHA-256 (hex) of what was handed out: the PDF's bytes, or the JSON report's token")
            String digest,
            @Schema(description = "Whether the document sent has that digest (only when one was sent)") Boolean matches) {
    }
}
