package cn.xinyong.openapi.ingest;

import cn.xinyong.openapi.readmodel.Rejection;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What one ingest call or bulk load did. */
@Schema(description = "Outcome of an ingest batch")
public record IngestReport(
        @Schema(description = "Non-blank lines read") long lines,
        @Schema(description = "Events newer than the read model, now applied") long applied,
        @Schema(description = "Events whose version was not newer: left as they were") long stale,
        @Schema(description = "Lines rejected (malformed or invalid) or refused by a store") long rejected,
        @Schema(description = "The first rejected lines with their reasons") List<Rejection> rejections,
        @Schema(description = "Wall time in milliseconds") long millis) {
}
