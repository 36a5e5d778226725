package cn.xinyong.openapi.consent;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Shapes of the consent, personal-record and access-log API. */
public final class ConsentViews {

    private ConsentViews() {
    }

    /** Purposes a consent can name (授权用途). */
    public static final Map<String, String> PURPOSES = Map.of(
            "xinyidai", "信易贷申请", "xinyixing", "信易行开通", "xinyiyou", "信易游", "xinyizu", "信易租",
            "xinyipi", "信易批", "measureCheck", "联合奖惩核查");

    @Schema(name = "ConsentGrant", description = "What the person allows")
    public record Grant(
            @Schema(description = "The partner's client id", required = true, example = "bank-001")
            @NotNull(message = "is required: the partner's client id")
            @Pattern(regexp = "[A-Za-z0-9._:-]{1,100}", message = "must be a client id (1-100 of A-Z a-z 0-9 . _ : -)")
            String partnerId,
            @Schema(description = "Purpose code", required = true, enumeration = {"xinyidai", "xinyixing", "xinyiyou",
                "xinyizu", "xinyipi", "measureCheck"}) @NotNull(message = "is required") String purpose,
            @Schema(description = "Record kinds the partner may read", required = true,
                    example = "[\"judgmentDefaulter\",\"penalty\"]")
            @NotEmpty(message = "must name some record kinds") List<@NotNull(message = "must be a kind") String> recordKinds,
            @Schema(description = "When the consent ends (at most one year ahead)", required = true)
            @NotNull(message = "is required") Instant expiresAt) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "Consent", description = "授权记录")
    public record View(UUID id, String partnerId, String purpose, String purposeLabel, List<String> recordKinds,
            Instant grantedAt, Instant expiresAt, Instant revokedAt,
            @Schema(enumeration = {"active", "revoked", "expired"}) String state) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "Access", description = "One access to the person's records (查询记录)")
    public record Access(Instant at, String partnerId, String purpose, UUID consentId,
            @Schema(enumeration = {"allowed", "refused"}) String outcome, String reason, List<String> recordKinds) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "PersonRecord", description = "A personal credit record; the person's ID never appears")
    public record Record(String id, String kind, String kindLabel, String summary, String authority, LocalDate decidedOn,
            LocalDate endsOn, BigDecimal amount, String severity,
            @Schema(description = "Under objection review (异议核查中) since; absent when not disputed") LocalDate disputedSince) {
    }

    @Schema(name = "PersonalCreditReport", description = "本人信用报告: a resident's own records, signed; never public")
    public record PersonalReport(
            @Schema(description = "Report id (the token's jti)") UUID id, java.time.Instant issuedAt,
            List<Record> records,
            @Schema(description = "The same report signed (ES256; verify with GET /v1/xinyi/jwks, audience "
                    + "personal-credit-report, claim records); it names no one: hand it over with your ID card")
            String token) {
    }

    @Schema(name = "PersonCredit", description = "The consented kinds of a person's records")
    public record Credit(UUID consentId, String purpose, List<String> recordKinds, List<Record> records) {
    }
}
