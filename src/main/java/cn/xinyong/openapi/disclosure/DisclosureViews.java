package cn.xinyong.openapi.disclosure;

import cn.xinyong.openapi.readmodel.view.Disclosure;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Response shapes of the disclosure API; the records themselves are the read model's public views. */
public final class DisclosureViews {

    private DisclosureViews() {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "DisclosurePage", description = "A page of disclosed records, newest decision first")
    public record Page(List<Disclosure> items, long total, boolean totalExact,
            @Schema(description = "Link to the next page; absent on the last") String next) {
    }
}
