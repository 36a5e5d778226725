package cn.xinyong.openapi.feeds;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
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
            @Schema(description = "The public record, as the export and the query endpoints show it") JsonNode record) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "ChangePage", description = "Changes in feed order")
    public record Page(List<Change> items,
            @Schema(description = "Position to continue from (pass as since)") String position,
            @Schema(description = "Link to the next changes") String next,
            @Schema(description = "True when more changes are already waiting") boolean more) {
    }
}
