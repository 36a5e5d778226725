package cn.xinyong.openapi.disclosure;

import cn.xinyong.openapi.ingest.feed.CommitmentRecord;
import cn.xinyong.openapi.ingest.feed.LicenceRecord;
import cn.xinyong.openapi.ingest.feed.PenaltyRecord;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Response shapes of the disclosure API: the published record with its id, version and labels. */
public final class DisclosureViews {

    private DisclosureViews() {
    }

    /** Any disclosed record. */
    public sealed interface Disclosure permits Licence, Penalty, Commitment {
        String id();
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "LicenceDecision", description = "行政许可决定 as published (双公示)")
    public record Licence(String id, long version, @JsonUnwrapped LicenceRecord record,
            @Schema(description = "许可类别") String categoryLabel, Instant updatedAt) implements Disclosure {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "PenaltyDecision", description = "行政处罚决定 as published (双公示); amounts in 万元")
    public record Penalty(String id, long version, @JsonUnwrapped PenaltyRecord record,
            @Schema(description = "处罚类别") List<String> categoryLabels,
            @Schema(description = "严重程度") String severityLabel, Instant updatedAt) implements Disclosure {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "CreditCommitment", description = "信用承诺 as published")
    public record Commitment(String id, long version, @JsonUnwrapped CommitmentRecord record,
            @Schema(description = "承诺类型") String typeLabel,
            @Schema(description = "履约状态") String fulfilmentLabel, Instant updatedAt) implements Disclosure {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "DisclosurePage", description = "A page of disclosed records, newest decision first")
    public record Page(List<Disclosure> items, long total, boolean totalExact,
            @Schema(description = "Link to the next page; absent on the last") String next) {
    }
}
