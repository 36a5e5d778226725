package cn.xinyong.openapi.catalogue;

import cn.xinyong.openapi.platform.web.Caching;
import cn.xinyong.openapi.platform.web.Links;
import cn.xinyong.openapi.platform.web.RateLimitGroup;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The open-data front door: the dataset catalogue (公共信用信息目录). */
@Path("/v1/catalogue")
@Produces(MediaType.APPLICATION_JSON)
@RateLimitGroup(RateLimitGroup.SEARCH)
@Tag(name = "open data")
@PermitAll
public class CatalogueResource {

    private final CatalogueService service;
    private final Links links;

    CatalogueResource(CatalogueService service, Links links) {
        this.service = service;
        this.links = links;
    }

    @GET
    @Operation(operationId = "getCatalogue", summary = "Every public dataset with its fields, licence and links (公共信用信息目录)",
            description = "DCAT-style: each dataset's title and description in Chinese and English, its fields with types "
                    + "and Chinese labels (the export columns, in order), licence, update frequency, last change, "
                    + "public record count, and links to its change feed, exports, dumps and statistics.")
    @APIResponse(responseCode = "200", description = "The catalogue",
            content = @Content(schema = @Schema(implementation = CatalogueViews.Catalogue.class)))
    public Uni<Response> catalogue(@Context UriInfo uri) {
        return service.catalogue(links.base(uri))
                .map(c -> Response.ok(c).header("Cache-Control", Caching.publicFor(60)).build());
    }
}
