package cn.xinyong.openapi.entity;

import cn.xinyong.openapi.platform.web.RateLimitGroup;
import cn.xinyong.openapi.disclosure.DisclosureService;
import cn.xinyong.openapi.disclosure.DisclosureViews;
import cn.xinyong.openapi.lists.ListService;
import cn.xinyong.openapi.lists.ListViews;
import cn.xinyong.openapi.platform.id.Uscc;
import cn.xinyong.openapi.platform.paging.Limits;
import cn.xinyong.openapi.platform.problem.ApiProblem;
import cn.xinyong.openapi.platform.problem.Problem;
import cn.xinyong.openapi.platform.web.Caching;
import cn.xinyong.openapi.platform.web.Params;
import cn.xinyong.openapi.readmodel.record.Vocabulary;
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

/** 主体查询: entity lookup by 统一社会信用代码 and search by name. */
@Path("/v1/entities")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "entities", description = "主体查询: registration basics, credit grade, list memberships and record counts")
@PermitAll
public class EntityResource {

    static final int MAX_QUERY_CHARS = 50;
    private final com.fasterxml.jackson.databind.ObjectWriter profileWriter;
    private final EntityService service;
    private final ListService lists;
    private final DisclosureService disclosures;

    private final cn.xinyong.openapi.platform.web.Links links;

    EntityResource(EntityService service, ListService lists, DisclosureService disclosures,
            com.fasterxml.jackson.databind.ObjectMapper mapper, cn.xinyong.openapi.platform.web.Links links) {
        this.links = links;
        this.profileWriter = mapper.writerFor(EntityViews.Profile.class);
        this.service = service;
        this.lists = lists;
        this.disclosures = disclosures;
    }

    /** The hot path serialises with a prepared writer: the generic Response path looks one up per call. */
    private byte[] json(EntityViews.Profile profile) {
        try {
            return profileWriter.writeValueAsBytes(profile);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @GET
    @Path("/{uscc}/lists")
    @Operation(operationId = "getEntityLists", summary = "Every current and past list membership of an entity (名单记录)")
    @APIResponse(responseCode = "200", description = "Memberships, newest listing first",
            content = @Content(schema = @Schema(implementation = ListViews.Memberships.class)))
    @APIResponse(responseCode = "400", description = "Not a valid 统一社会信用代码",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such entity",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> memberships(@Parameter(description = "统一社会信用代码") @PathParam("uscc") String raw) {
        String uscc = Params.usccPath(raw);
        return lists.memberships(uscc).map(m -> {
            if (m == null) {
                throw ApiProblem.entityNotFound(uscc);
            }
            return Response.ok(m).header("Cache-Control", Caching.publicFor(60)).build();
        });
    }

    @GET
    @Path("/{uscc}/{kind: licences|penalties|commitments}")
    @Operation(operationId = "getEntityDisclosures", summary = "An entity's disclosed licences, penalties or commitments",
            description = "The same as /v1/disclosures/{kind}?subject={uscc}, newest decision first.")
    @APIResponse(responseCode = "200", description = "A page",
            content = @Content(schema = @Schema(implementation = DisclosureViews.Page.class)))
    @APIResponse(responseCode = "400", description = "Invalid code, filter, limit or cursor",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such entity (as for its profile)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> entityDisclosures(
            @Parameter(description = "统一社会信用代码") @PathParam("uscc") String raw,
            @Parameter(description = "licences, penalties or commitments") @PathParam("kind") String kind,
            @Parameter(description = "Category code") @QueryParam("category") String category,
            @Parameter(description = "Decided on or after (yyyy-mm-dd)") @QueryParam("from") String from,
            @Parameter(description = "Decided on or before (yyyy-mm-dd)") @QueryParam("to") String to,
            @Parameter(description = "Page size, 1-100 (default 20)") @QueryParam("limit") String limit,
            @Parameter(description = "Opaque cursor from `next`") @QueryParam("cursor") String cursor,
            @Context UriInfo uri) {
        String uscc = Params.usccPath(raw);
        cn.xinyong.openapi.readmodel.Dataset k = DisclosureService.kind(kind);
        Params p = new Params();
        DisclosureService.Filter filter = DisclosureService.filter(k, p, null, null, category, from, to, uscc);
        int size = Limits.limit(limit, p.errors());
        p.check();
        return service.known(uscc).chain(known -> {
            if (!known) {
                throw ApiProblem.entityNotFound(uscc);
            }
            return disclosures.answer(k, filter, size, cursor, uri);
        }).map(page -> Response.ok(page).header("Cache-Control", Caching.publicFor(60)).build());
    }

    @GET
    @Path("/{uscc}")
    @Operation(operationId = "getEntity", summary = "An entity's public credit profile (主体信用概况)",
            description = "Registration basics, credit grade (分级分类), current list memberships and counts of public "
                    + "licences and penalties. Supports If-None-Match.")
    @APIResponse(responseCode = "200", description = "The profile",
            content = @Content(schema = @Schema(implementation = EntityViews.Profile.class)))
    @APIResponse(responseCode = "304", description = "Not modified since the given ETag")
    @APIResponse(responseCode = "400", description = "Not a valid 统一社会信用代码",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such entity",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "The read model is unavailable",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> get(
            @Parameter(description = "统一社会信用代码: 18 characters with a valid GB 32100 check character",
                    example = "91420103MA4K2XXXX0") @PathParam("uscc") String raw,
            @jakarta.ws.rs.HeaderParam("If-None-Match") String ifNoneMatch) {
        String uscc = Params.usccPath(raw);
        return service.profile(uscc).map(result -> {
            if (result == null) {
                throw ApiProblem.entityNotFound(uscc);
            }
            Response.ResponseBuilder answer = Caching.notModified(ifNoneMatch, result.etag()) ? Response.notModified()
                    : Response.ok(json(result.profile()), MediaType.APPLICATION_JSON_TYPE);
            return answer.header("ETag", Caching.etag(result.etag())).header("Cache-Control", Caching.publicFor(60)).build();
        });
    }

    @RateLimitGroup(RateLimitGroup.SEARCH)
    @GET
    @Operation(operationId = "searchEntities", summary = "Search entities by name (主体名称检索)",
            description = "Relevance-ranked search over Chinese names: full or partial names; a 统一社会信用代码 typed "
                    + "into q finds that entity. Filters narrow by region, kind and status. Results page with an "
                    + "opaque cursor: follow `next` until it is absent.")
    @APIResponse(responseCode = "200", description = "A page of matches",
            content = @Content(schema = @Schema(implementation = EntityViews.SearchPage.class)))
    @APIResponse(responseCode = "400", description = "Invalid query, filter, limit or cursor",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "The search index is unavailable",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> search(
            @Parameter(description = "Name, part of a name, or a 统一社会信用代码 (1-50 characters)", required = true,
                    example = "恒泰商贸") @QueryParam("q") String q,
            @Parameter(description = "行政区划代码 prefix: province (2 digits), city (4) or district (6)",
                    example = "4201") @QueryParam("region") String region,
            @Parameter(description = "主体类型 code", schema = @Schema(enumeration = {"legalPerson", "unincorporated",
                "individualBusiness", "socialOrganization", "publicInstitution", "governmentAgency"}))
            @QueryParam("kind") String kind,
            @Parameter(description = "登记状态 code", schema = @Schema(enumeration = {"active", "deregistered", "revoked"}))
            @QueryParam("status") String status,
            @Parameter(description = "Page size, 1-100", schema = @Schema(minimum = "1", maximum = "100", defaultValue = "20"))
            @QueryParam("limit") String limit,
            @Parameter(description = "Opaque cursor from a previous page's `next`") @QueryParam("cursor") String cursor,
            @Context UriInfo uri) {
        Params p = new Params();
        String text = q == null ? "" : q.strip();
        if (text.isEmpty()) {
            p.error("q", "is required");
        } else if (text.codePointCount(0, text.length()) > MAX_QUERY_CHARS) {
            p.error("q", "is longer than " + MAX_QUERY_CHARS + " characters");
        } else if (text.chars().anyMatch(Character::isISOControl)) {
            p.error("q", "contains control characters");
        }
        p.region(region);
        p.oneOf("kind", kind, Vocabulary.ENTITY_KINDS.keySet());
        p.oneOf("status", status, Vocabulary.ENTITY_STATUSES.keySet());
        int size = Limits.limit(limit, p.errors());
        p.check();
        String code = Uscc.normalise(text);
        EntityQueries.Criteria criteria = new EntityQueries.Criteria(text, Uscc.isValid(code) ? code : null, region,
                kind, status);
        return service.search(criteria, size, cursor).map(page -> {
            String next = page.nextCursor() == null ? null
                    : links.next(uri, "cursor", page.nextCursor());
            EntityViews.SearchPage body = new EntityViews.SearchPage(page.page().items(), page.page().total(),
                    page.page().totalExact(), next);
            return Response.ok(body).header("Cache-Control", Caching.publicFor(60)).build();
        });
    }
}
