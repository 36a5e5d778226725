package cn.xinyong.openapi.indicators;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The plans' indicators as open data, each with its definition. */
public final class IndicatorViews {

    private IndicatorViews() {
    }

    /** Published decisions of one group and how many within the deadline. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @io.quarkus.runtime.annotations.RegisterForReflection
    @Schema(name = "TimelinessGroup", description = "An authority's or district's decisions and how many were published in time")
    public record Group(
            @Schema(description = "Authority name or 6-digit 行政区划代码") String key,
            @Schema(description = "Decisions published") long published,
            @Schema(description = "Published within the deadline") long timely,
            @Schema(description = "及时率: timely / published; absent when nothing was published") Double rate) {
    }

    /** 双公示 timeliness of one dataset. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @io.quarkus.runtime.annotations.RegisterForReflection
    @Schema(name = "DatasetTimeliness", description = "双公示及时率 of one dataset, overall, by authority and by district")
    public record Timeliness(
            @Schema(description = "licences or penalties") String dataset,
            @Schema(description = "Decisions in the period that state their publication date") long published,
            @Schema(description = "Published within the deadline") long timely,
            @Schema(description = "及时率: timely / published; absent when nothing was published") Double rate,
            @Schema(description = "League table by authority (top 100 by decisions)") List<Group> byAuthority,
            @Schema(description = "League table by the subject's district") List<Group> byDistrict) {
    }

    @io.quarkus.runtime.annotations.RegisterForReflection
    @Schema(name = "DisclosureIndicators", description = "双公示 timeliness (及时率) over a period of decision dates")
    public record Disclosure(
            @Schema(description = "First decision date counted") LocalDate from,
            @Schema(description = "Last decision date counted") LocalDate to,
            @Schema(description = "The deadline in working days") int deadlineWorkingDays,
            @Schema(description = "How the indicator is computed") String definition,
            List<Timeliness> datasets) {
    }

    /** A share: how many of how many. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @io.quarkus.runtime.annotations.RegisterForReflection
    @Schema(name = "Share", description = "count of total, and the rate (absent when total is 0)")
    public record Share(long count, long total, Double rate, @Schema(description = "What is counted") String definition) {
        static Share of(long count, long total, String definition) {
            return new Share(count, total, IndicatorService.rate(count, total), definition);
        }
    }

    @io.quarkus.runtime.annotations.RegisterForReflection
    @Schema(name = "XinyiCoverage", description = "信易+ coverage: the domains with a scheme in force")
    public record XinyiCoverage(
            @Schema(description = "Domains (schemes) in force") int domains,
            @Schema(description = "The plans' target") int target,
            @Schema(description = "Whether the target is met") boolean met,
            @Schema(description = "The schemes' names") List<String> schemes) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @io.quarkus.runtime.annotations.RegisterForReflection
    @Schema(name = "CreditIndicators", description = "The plans' credit indicators now")
    public record Credit(
            @Schema(description = "The date the indicators describe") LocalDate asOf,
            @Schema(description = "The region they cover (2, 4 or 6 digits); absent for the whole city") String region,
            @Schema(description = "Active entities (存续): the denominator of the shares") long activeEntities,
            @Schema(description = "严重失信主体占比") Share seriousDishonesty,
            @Schema(description = "Subjects on any black list now") Share blackListed,
            @Schema(description = "信用承诺覆盖率") Share commitments,
            @Schema(description = "信易+ coverage") XinyiCoverage xinyi,
            @Schema(description = "Counts of distinct subjects are exact up to 40,000 and approximate (HyperLogLog, "
                    + "under 1% error) above") String precision) {
    }
}
