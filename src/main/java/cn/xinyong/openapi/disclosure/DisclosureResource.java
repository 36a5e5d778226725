package cn.xinyong.openapi.disclosure;

import cn.xinyong.openapi.platform.web.RateLimitGroup;
import cn.xinyong.openapi.platform.paging.Limits;
import cn.xinyong.openapi.platform.problem.Problem;
import cn.xinyong.openapi.platform.web.Caching;
import cn.xinyong.openapi.platform.web.Params;
import cn.xinyong.openapi.readmodel.Dataset;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** 双公示: administrative licence and penalty decisions, and credit commitments. */
@RateLimitGroup(RateLimitGroup.SEARCH)
@Path("/v1/disclosures")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "disclosures", description = "双公示: 行政许可 and 行政处罚 decisions, 信用承诺; withdrawn and expired records excluded")
@PermitAll
public class DisclosureResource {

    private final DisclosureService service;

    DisclosureResource(DisclosureService service) {
        this.service = service;
    }

    @GET
    @Path("/{kind}")
    @Operation(operationId = "listDisclosures", summary = "Disclosed decisions of one kind (双公示查询)",
            description = "Newest decision first. `kind` is licences (行政许可), penalties (行政处罚) or commitments (信用承诺). "
                    + "Penalties under 简易程序, past their publication end date, repaired or withdrawn are never listed.")
    @APIResponse(responseCode = "200", description = "A page",
            content = @Content(schema = @Schema(implementation = DisclosureViews.Page.class)))
    @APIResponse(responseCode = "400", description = "Invalid filter, range, limit or cursor",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Unknown kind",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> list(
            @Parameter(description = "licences, penalties or commitments",
                    schema = @Schema(enumeration = {"licences", "penalties", "commitments"})) @PathParam("kind") String kind,
            @Parameter(description = "决定机关 / 受理部门 (exact name)") @QueryParam("authority") String authority,
            @Parameter(description = "行政区划代码 prefix of the subject (2, 4 or 6 digits)") @QueryParam("region") String region,
            @Parameter(description = "Category code: licence category, penalty category or commitment type")
            @QueryParam("category") String category,
            @Parameter(description = "Decided on or after (yyyy-mm-dd)") @QueryParam("from") String from,
            @Parameter(description = "Decided on or before (yyyy-mm-dd)") @QueryParam("to") String to,
            @Parameter(description = "Only this subject (统一社会信用代码)") @QueryParam("subject") String subject,
            @Parameter(description = "Page size, 1-100 (default 20)") @QueryParam("limit") String limit,
            @Parameter(description = "Opaque cursor from `next`") @QueryParam("cursor") String cursor,
            @Context UriInfo uri) {
        Dataset k = DisclosureService.kind(kind);
        Params p = new Params();
        DisclosureService.Filter filter = DisclosureService.filter(k, p, authority, region, category, from, to,
                p.uscc("subject", subject));
        int size = Limits.limit(limit, p.errors());
        p.check();
        return service.answer(k, filter, size, cursor, uri)
                .map(page -> Response.ok(page).header("Cache-Control", Caching.publicFor(60)).build());
    }
}
