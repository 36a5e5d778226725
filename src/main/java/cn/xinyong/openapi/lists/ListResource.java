package cn.xinyong.openapi.lists;

import cn.xinyong.openapi.platform.web.RateLimitGroup;
import cn.xinyong.openapi.platform.paging.Limits;
import cn.xinyong.openapi.platform.problem.ApiProblem;
import cn.xinyong.openapi.platform.problem.Problem;
import cn.xinyong.openapi.platform.problem.ProblemType;
import cn.xinyong.openapi.platform.web.Caching;
import cn.xinyong.openapi.platform.web.Links;
import cn.xinyong.openapi.platform.web.Params;
import cn.xinyong.openapi.readmodel.record.ListCatalog;
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

/** 红黑名单: the catalogue of lists and each list's entries. */
@Path("/v1/lists")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "lists", description = "红黑名单: 守信红名单, 严重失信主体名单, 重点关注对象名单, 失信被执行人, 经营异常名录")
@PermitAll
public class ListResource {

    private final ListService service;

    private final cn.xinyong.openapi.platform.web.Links links;

    ListResource(ListService service, cn.xinyong.openapi.platform.web.Links links) {
        this.links = links;
        this.service = service;
    }

    @GET
    @Operation(operationId = "listLists", summary = "The red and black lists, with entry counts (名单目录)")
    @APIResponse(responseCode = "200", description = "Every list",
            content = @Content(schema = @Schema(implementation = ListViews.CatalogEntry.class, type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.ARRAY)))
    public Uni<Response> catalogue() {
        return service.catalogue().map(c -> Response.ok(c).header("Cache-Control", Caching.publicFor(300)).build());
    }

    @RateLimitGroup(RateLimitGroup.SEARCH)
    @GET
    @Path("/{list}/entries")
    @Operation(operationId = "listEntries", summary = "Entries of one list (名单条目)",
            description = "Newest listing first; filter by authority, region, listing date range and state.")
    @APIResponse(responseCode = "200", description = "A page of entries",
            content = @Content(schema = @Schema(implementation = ListViews.EntryPage.class)))
    @APIResponse(responseCode = "400", description = "Invalid filter, limit or cursor",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such list",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> entries(
            @Parameter(description = "List code, e.g. seriousDishonesty") @PathParam("list") String list,
            @Parameter(description = "认定部门 (exact name)") @QueryParam("authority") String authority,
            @Parameter(description = "行政区划代码 prefix (2, 4 or 6 digits)") @QueryParam("region") String region,
            @Parameter(description = "Listed on or after (yyyy-mm-dd)") @QueryParam("listedFrom") String listedFrom,
            @Parameter(description = "Listed on or before (yyyy-mm-dd)") @QueryParam("listedTo") String listedTo,
            @Parameter(description = "active (current today), removed, or all (default)",
                    schema = @Schema(enumeration = {"active", "removed", "all"})) @QueryParam("state") String state,
            @Parameter(description = "Only this subject (统一社会信用代码)") @QueryParam("subject") String subject,
            @Parameter(description = "Page size, 1-100 (default 20)") @QueryParam("limit") String limit,
            @Parameter(description = "Opaque cursor from `next`") @QueryParam("cursor") String cursor,
            @Context UriInfo uri) {
        if (ListCatalog.byCode(list).isEmpty()) {
            throw new ApiProblem(ProblemType.NOT_FOUND, "No list '" + list + "'; see GET /v1/lists",
                    List.of(new Problem.FieldError("list", "unknown list")));
        }
        Params p = new Params();
        ListService.EntryFilter filter = new ListService.EntryFilter(p.text("authority", authority, 100), p.region(region),
                p.date("listedFrom", listedFrom), p.date("listedTo", listedTo),
                p.oneOf("state", state, List.of("active", "removed", "all")), p.uscc("subject", subject));
        p.range("listedFrom", filter.listedFrom(), "listedTo", filter.listedTo());
        int size = Limits.limit(limit, p.errors());
        p.check();
        return service.entries(list, filter, size, cursor).map(page -> Response.ok(new ListViews.EntryPage(page.items(),
                page.total(), page.totalExact(), links.next(uri, "cursor", page.next())))
                .header("Cache-Control", Caching.publicFor(60)).build());
    }
}
