package cn.xinyong.openapi.feeds;

import cn.xinyong.openapi.platform.web.RateLimitGroup;
import cn.xinyong.openapi.platform.paging.CursorCodec;
import cn.xinyong.openapi.platform.paging.Limits;
import cn.xinyong.openapi.platform.problem.ApiProblem;
import cn.xinyong.openapi.platform.problem.Problem;
import cn.xinyong.openapi.platform.problem.ProblemType;
import cn.xinyong.openapi.platform.web.Links;
import cn.xinyong.openapi.platform.web.Params;
import cn.xinyong.openapi.readmodel.Dataset;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestMulti;
import org.jboss.resteasy.reactive.RestStreamElementType;

/** Change feeds and bulk exports for open-data mirrors (开放数据). */
@RateLimitGroup(RateLimitGroup.EXPORTS)
@Path("/v1")
@Tag(name = "open data", description = "Change feeds and full exports for mirrors: upserts and withdrawals in a stable order")
@PermitAll
public class FeedResource {

    static final int DEFAULT_LIMIT = 500;
    static final int MAX_LIMIT = 1000;
    private final FeedService service;
    private final CursorCodec cursors;
    private final ObjectMapper mapper;

    private final cn.xinyong.openapi.platform.web.Links links;

    FeedResource(FeedService service, CursorCodec cursors, ObjectMapper mapper, cn.xinyong.openapi.platform.web.Links links) {
        this.links = links;
        this.service = service;
        this.cursors = cursors;
        this.mapper = mapper;
    }

    @GET
    @RateLimitGroup(RateLimitGroup.FEEDS)
    @Path("/feeds/{dataset}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "readChangeFeed", summary = "Changes to a dataset since a position (变更订阅)",
            description = "Upserts carry the public record; withdrawals (信用修复, 异议, correction, expired publication "
                    + "period, not public) carry a reason. Start without `since`, then pass the returned `position`. "
                    + "Applying every change in order to a copy yields the same records as the export.")
    @APIResponse(responseCode = "200", description = "Changes in feed order",
            content = @Content(schema = @Schema(implementation = FeedViews.Page.class)))
    @APIResponse(responseCode = "400", description = "Stale, forged or foreign position; bad limit",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Unknown dataset",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> changes(
            @Parameter(description = "entities, licences, penalties, commitments or list-entries") @PathParam("dataset") String name,
            @Parameter(description = "Opaque position from a previous answer; absent to start from the beginning")
            @QueryParam("since") String since,
            @Parameter(description = "Changes per page, 1-1000 (default 500)") @QueryParam("limit") String limit,
            @Context UriInfo uri) {
        Dataset dataset = dataset(name);
        if (since != null && cursors.decode(since, FeedService.fingerprint(dataset)).path(0).asLong(-1) < 0) {
            throw new ApiProblem(ProblemType.INVALID_CURSOR, "since is not a feed position");
        }
        Params params = new Params();
        int size = Limits.limit(limit, DEFAULT_LIMIT, MAX_LIMIT, params.errors());
        params.check();
        return service.changes(dataset, since, size).map(c -> {
            FeedViews.Page page = new FeedViews.Page(c.items(), c.position(), links.next(uri, "since", c.position()),
                    c.more());
            return Response.ok(page).header("Cache-Control", since == null ? "no-cache" : "public, max-age=5").build();
        });
    }

    @GET
    @Path("/exports/{dataset: [a-z-]+}{format: (\\.ndjson)?}")
    @Produces("application/x-ndjson")
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(operationId = "exportDatasetNdjson", summary = "Every public record of a dataset as NDJSON (全量导出)",
            description = "One record per line, the same JSON as the query endpoints; streamed in constant memory at any "
                    + "size. The path may end in .ndjson.")
    @APIResponse(responseCode = "200", description = "The records", content = @Content(mediaType = "application/x-ndjson"),
            headers = @org.eclipse.microprofile.openapi.annotations.headers.Header(name = POSITION_HEADER,
                    description = "The change-feed position (since) this export is consistent with: load it, then follow "
                            + "the feed from here", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING)))
    @APIResponse(responseCode = "404", description = "Unknown dataset",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RestMulti<com.fasterxml.jackson.databind.util.RawValue> exportNdjson(
            @Parameter(description = "entities, licences, penalties, commitments or list-entries") @PathParam("dataset") String name,
            @Parameter(description = "Nothing, or .ndjson", schema = @Schema(enumeration = {"", ".ndjson"}))
            @PathParam("format") String format) {
        Dataset dataset = dataset(name);
        // Each line is already JSON, written straight from its view: sent as it is, not as a JSON string.
        return download(dataset, s -> service.exportLines(s).map(com.fasterxml.jackson.databind.util.RawValue::new),
                dataset.path() + ".ndjson");
    }

    @GET
    @Path("/exports/{dataset: [a-z-]+}.csv")
    @Produces("text/csv; charset=utf-8")
    @Operation(operationId = "exportDatasetCsv", summary = "Every public record of a dataset as CSV (全量导出)",
            description = "RFC 4180 CSV with a header row, UTF-8 starting with a byte order mark (U+FEFF) so that Excel in a "
                    + "zh-CN locale reads it as UTF-8 rather than GBK, arrays joined with ';'; streamed in constant memory.")
    @APIResponse(responseCode = "200", description = "The records", content = @Content(mediaType = "text/csv"),
            headers = @org.eclipse.microprofile.openapi.annotations.headers.Header(name = POSITION_HEADER,
                    description = "The change-feed position (since) this export is consistent with: load it, then follow "
                            + "the feed from here", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING)))
    @APIResponse(responseCode = "503", description = "The search index cannot be reached: nothing was sent",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Unknown dataset",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RestMulti<String> exportCsv(
            @Parameter(description = "entities, licences, penalties, commitments or list-entries") @PathParam("dataset") String name) {
        Dataset dataset = dataset(name);
        return download(dataset, this::csv, dataset.path() + ".csv");
    }

    @GET
    @Path("/exports/{dataset: [a-z-]+}.ndjson.gz")
    @Produces("application/gzip")
    @Operation(operationId = "exportDatasetNdjsonGzip", summary = "Every public record of a dataset as gzipped NDJSON",
            description = "The NDJSON export compressed with gzip as it streams, for large downloads.")
    @APIResponse(responseCode = "200", description = "The records", content = @Content(mediaType = "application/gzip"),
            headers = @org.eclipse.microprofile.openapi.annotations.headers.Header(name = POSITION_HEADER,
                    description = "The change-feed position (since) this export is consistent with: load it, then follow "
                            + "the feed from here", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING)))
    @APIResponse(responseCode = "404", description = "Unknown dataset",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RestMulti<byte[]> exportNdjsonGzip(
            @Parameter(description = "entities, licences, penalties, commitments or list-entries") @PathParam("dataset") String name) {
        Dataset dataset = dataset(name);
        return download(dataset, s -> Gzip.stream(service.exportLines(s).map(line -> line + "\n")),
                dataset.path() + ".ndjson.gz");
    }

    @GET
    @Path("/exports/{dataset: [a-z-]+}.csv.gz")
    @Produces("application/gzip")
    @Operation(operationId = "exportDatasetCsvGzip", summary = "Every public record of a dataset as gzipped CSV",
            description = "The CSV export compressed with gzip as it streams, for large downloads.")
    @APIResponse(responseCode = "200", description = "The records", content = @Content(mediaType = "application/gzip"),
            headers = @org.eclipse.microprofile.openapi.annotations.headers.Header(name = POSITION_HEADER,
                    description = "The change-feed position (since) this export is consistent with: load it, then follow "
                            + "the feed from here", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING)))
    @APIResponse(responseCode = "404", description = "Unknown dataset",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RestMulti<byte[]> exportCsvGzip(
            @Parameter(description = "entities, licences, penalties, commitments or list-entries") @PathParam("dataset") String name) {
        Dataset dataset = dataset(name);
        return download(dataset, s -> Gzip.stream(csv(s)), dataset.path() + ".csv.gz");
    }

    private Multi<String> csv(FeedService.Snapshot snapshot) {
        List<String> columns = snapshot.dataset().columns();
        return Multi.createBy().concatenating().streams(Multi.createFrom().item(Csv.header(columns)),
                service.exportTrees(snapshot).map(r -> Csv.row(columns, r)));
    }

    /**
     * The stream of a snapshot (the feed position it is consistent with, in the {@value #POSITION_HEADER} header, and
     * a point in time of the index), once taken: a store that is down is a 503 problem before any status or row is
     * sent. A failure after the first rows ends the chunked body without its last chunk, which every HTTP client
     * reports as an incomplete transfer (curl exit 18), never as a complete but short file.
     */
    private <T> RestMulti<T> download(Dataset dataset, java.util.function.Function<FeedService.Snapshot, Multi<T>> body,
            String filename) {
        return RestMulti.fromUniResponse(service.snapshot(dataset), body,
                snapshot -> java.util.Map.of("Content-Disposition",
                        java.util.List.of("attachment; filename=\"" + filename + "\""),
                        "Cache-Control", java.util.List.of("no-cache"),
                        POSITION_HEADER, java.util.List.of(snapshot.position())));
    }

    /** The response header naming the change-feed position an export is consistent with. */
    static final String POSITION_HEADER = "Feed-Position";

    private static Dataset dataset(String name) {
        return Dataset.byPath(name).orElseThrow(() -> new ApiProblem(ProblemType.NOT_FOUND,
                "No dataset '" + name + "': use entities, licences, penalties, commitments or list-entries",
                List.of(new Problem.FieldError("dataset", "unknown"))));
    }
}
