package cn.xinyong.openapi.lists;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Response shapes of the lists API. */
public final class ListViews {

    private ListViews() {
    }

    @Schema(name = "CreditListSummary", description = "A list with its entry counts")
    public record CatalogEntry(
            @Schema(implementation = ListCatalog.ListDefinition.class) ListCatalog.ListDefinition list,
            @Schema(description = "Subjects listed today") long currentEntries,
            @Schema(description = "Entries ever published, including removed ones") long allEntries) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "ListEntry", description = "One subject's membership of one list (名单条目)")
    public record Entry(
            String id,
            @Schema(description = "List code") String list,
            @Schema(description = "名单名称") String listName,
            @Schema(description = "统一社会信用代码") String subjectId,
            @Schema(description = "主体名称") String subjectName,
            @Schema(description = "列入原因") String reason,
            @Schema(description = "认定部门") String authority,
            @Schema(description = "认定部门统一社会信用代码") String authorityCode,
            @Schema(description = "认定依据") String legalBasis,
            @Schema(description = "列入日期") LocalDate listedOn,
            @Schema(description = "移出期限") LocalDate removeBy,
            @Schema(description = "移出日期") LocalDate removedOn,
            @Schema(description = "Whether the membership is current today") boolean current) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "ListEntryPage")
    public record EntryPage(List<Entry> items, long total, boolean totalExact,
            @Schema(description = "Link to the next page; absent on the last") String next) {
    }

    @Schema(name = "EntityListMemberships", description = "Every current and past list membership of an entity")
    public record Memberships(String uscc, List<Entry> current, List<Entry> past) {
    }
}
