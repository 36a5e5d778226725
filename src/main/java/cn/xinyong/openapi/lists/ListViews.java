package cn.xinyong.openapi.lists;

import cn.xinyong.openapi.readmodel.record.ListCatalog;
import cn.xinyong.openapi.readmodel.view.ListEntryView;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Response shapes of the lists API. */
public final class ListViews {

    private ListViews() {
    }

    @io.quarkus.runtime.annotations.RegisterForReflection
    @Schema(name = "CreditListSummary", description = "A list with its entry counts")
    public record CatalogEntry(
            @Schema(implementation = ListCatalog.ListDefinition.class) ListCatalog.ListDefinition list,
            @Schema(description = "Subjects listed today") long currentEntries,
            @Schema(description = "Entries ever published, including removed ones") long allEntries,
            @Schema(description = "Codes of the 联合奖惩 measures a current membership triggers (GET /v1/measures?list=)")
            List<String> triggeredMeasures) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "ListEntryPage")
    public record EntryPage(List<ListEntryView> items, long total, boolean totalExact,
            @Schema(description = "Link to the next page; absent on the last") String next) {
    }

    @Schema(name = "EntityListMemberships", description = "Every current and past list membership of an entity")
    public record Memberships(String uscc, List<ListEntryView> current, List<ListEntryView> past) {
    }
}
