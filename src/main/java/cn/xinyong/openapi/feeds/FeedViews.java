package cn.xinyong.openapi.feeds;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import cn.xinyong.openapi.readmodel.view.Disclosure;
import cn.xinyong.openapi.readmodel.view.EntityOpenRecord;
import cn.xinyong.openapi.readmodel.view.ListEntryView;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Change-feed shapes. */
public final class FeedViews {

    private FeedViews() {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "ChangeEvent", description = "One change: an upsert with the public record, or a withdrawal")
    public record Change(
            @Schema(description = "upsert or withdraw", enumeration = {"upsert", "withdraw"}) String op,
            @Schema(description = "Record id (the USCC for entities)") String id,
            @Schema(description = "Why it left public view: repaired, objectionUpheld, corrected, publicationExpired, "
                    + "revoked, notPublic") String reason,
            @Schema(description = "The public record of the feed's dataset, as the export and the query endpoints show "
                    + "it; absent for a withdrawal", type = SchemaType.OBJECT,
                    anyOf = {EntityOpenRecord.class, ListEntryView.class, Disclosure.class}) Object record) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "ChangePage", description = "Changes in feed order")
    public record Page(List<Change> items,
            @Schema(description = "Position to continue from (pass as since)") String position,
            @Schema(description = "Link to the next changes") String next,
            @Schema(description = "True when more changes are already waiting") boolean more) {
    }
}
