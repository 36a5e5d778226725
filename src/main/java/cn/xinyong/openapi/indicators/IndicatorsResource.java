package cn.xinyong.openapi.indicators;

import cn.xinyong.openapi.platform.TimeSource;
import cn.xinyong.openapi.platform.problem.Problem;
import cn.xinyong.openapi.platform.web.Caching;
import cn.xinyong.openapi.platform.web.Params;
import cn.xinyong.openapi.platform.web.RateLimitGroup;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The plans' indicators (指标) for dashboards, each with its definition. */
@Path("/v1/indicators")
@Produces(MediaType.APPLICATION_JSON)
@RateLimitGroup(RateLimitGroup.SEARCH)
@Tag(name = "statistics")
@PermitAll
public class IndicatorsResource {

    private final IndicatorService service;
    private final TimeSource time;

    IndicatorsResource(IndicatorService service, TimeSource time) {
        this.service = service;
        this.time = time;
    }

    @GET
    @Path("/disclosure")
    @Operation(operationId = "getDisclosureIndicators", summary = "双公示及时率: published within 7 working days",
            description = "For licences and penalties decided in the period: how many state their publication date, how "
                    + "many were published within 7 working days of the decision (weekends and national holidays "
                    + "excluded, 调休 weekend days counted), overall and as league tables by authority and by district.")
    @APIResponse(responseCode = "200", description = "Timeliness in the period",
            content = @Content(schema = @Schema(implementation = IndicatorViews.Disclosure.class)))
    @APIResponse(responseCode = "400", description = "Bad date or region",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> disclosure(
            @Parameter(description = "First decision date (default 1 January of this year)") @QueryParam("from") String from,
            @Parameter(description = "Last decision date (default today)") @QueryParam("to") String to,
            @Parameter(description = "2, 4 or 6 digits of a 行政区划代码 (the subject's)") @QueryParam("region") String region) {
        Params p = new Params();
        LocalDate today = time.today();
        LocalDate f = p.date("from", from);
        LocalDate t = p.date("to", to);
        String r = p.region(region);
        LocalDate start = f != null ? f : (t != null ? t : today).withDayOfYear(1);
        LocalDate end = t != null ? t : today;
        p.range("from", start, "to", end);
        p.check();
        return service.disclosure(start, end, r).map(d -> Response.ok(d).header("Cache-Control", Caching.publicFor(300)).build());
    }

    @GET
    @Path("/credit")
    @Operation(operationId = "getCreditIndicators", summary = "严重失信主体占比, 信用承诺覆盖率 and 信易+ coverage",
            description = "Shares of active entities that are on 严重失信主体名单, on any black list, and that have a "
                    + "published 信用承诺; and the 信易+ domains with a scheme in force against the plans' target of 15.")
    @APIResponse(responseCode = "200", description = "The indicators today",
            content = @Content(schema = @Schema(implementation = IndicatorViews.Credit.class)))
    @APIResponse(responseCode = "400", description = "Bad region",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> credit(
            @Parameter(description = "2, 4 or 6 digits of a 行政区划代码") @QueryParam("region") String region) {
        Params p = new Params();
        String r = p.region(region);
        p.check();
        return service.credit(r).map(c -> Response.ok(c).header("Cache-Control", Caching.publicFor(300)).build());
    }
}
