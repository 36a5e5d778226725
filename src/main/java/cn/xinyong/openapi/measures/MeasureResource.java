package cn.xinyong.openapi.measures;

import cn.xinyong.openapi.platform.web.RateLimitGroup;
import cn.xinyong.openapi.platform.problem.ApiProblem;
import cn.xinyong.openapi.platform.problem.Problem;
import cn.xinyong.openapi.platform.security.Caller;
import cn.xinyong.openapi.platform.security.Callers;
import cn.xinyong.openapi.platform.web.Caching;
import cn.xinyong.openapi.platform.web.CodeBatch;
import cn.xinyong.openapi.platform.web.Params;
import cn.xinyong.openapi.readmodel.record.ListCatalog;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** 联合奖惩: the measure catalogue as open data, the 应查必查 check and execution feedback. */
@Path("/v1/measures")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "measures", description = "联合奖惩: which measures a department must apply to a subject for a matter, with "
        + "their basis (应查必查), as signed decisions; the measure catalogue; execution feedback (执行反馈)")
public class MeasureResource {

    static final String SCOPE = "measures:check";
    private static final String DECISION_EXAMPLE = """
            {"decisionId":"5f0c2b9e-3f7a-4c51-9d7e-2a1b4c6d8e90","subject":"91420103MA4K2X1234","subjectName":"武汉市恒泰商贸有限公司",
             "matter":"bidding","matterName":"招标投标","decision":"block","measures":[{"code":"P08",
             "name":"限制参与招标投标、政府采购和公共资源交易","kind":"punishment","measureClass":"mandatory","group":1,
             "effect":"block","status":"applies","targets":["subject"],"implementingAuthorities":["财政部门","公共资源交易平台","招标人"],
             "basis":{"document":"《最高人民法院关于公布失信被执行人名单信息的若干规定》(法释〔2017〕7号)","article":"第八条"},
             "text":"…","evidence":[{"recordId":"LE-2026-0311","kind":"listEntry","date":"2026-03-11",
             "authority":"武汉市江汉区人民法院","detail":"列入失信被执行人名单","disputed":false}]}],
             "catalogueVersion":"2026-11-26.2","decidedAt":"2026-11-26T08:00:00Z","expiresAt":"2026-11-27T08:00:00Z",
             "token":"eyJhbGciOiJFUzI1NiIs…"}""";

    private static final String PERSON_DECISION_EXAMPLE = """
            {"decisionId":"0b7d6a52-8c1e-4f3a-9e25-6f4d2c1b0a98","consentId":"3d2f9a10-5b7c-4e8d-a1f2-9c8b7a6d5e4f",
             "matter":"airTravel","matterName":"乘坐飞机","decision":"block","measures":[{"code":"P15",
             "name":"限制乘坐飞机、高等级列车和席次","kind":"punishment","measureClass":"mandatory","group":1,"effect":"block",
             "status":"applies","targets":["subject","legalRepresentative","person"],"implementingAuthorities":["人民法院","民航和铁路运输企业"],
             "basis":{"document":"《最高人民法院关于限制被执行人高消费及有关消费的若干规定》(法释〔2015〕17号)","article":"第三条"},"text":"…",
             "evidence":[{"kind":"person","date":"2026-03-01","authority":"北京市东城区人民法院","detail":"本人被列为失信被执行人",
             "disputed":false}]}],"catalogueVersion":"2026-11-26.2","decidedAt":"2026-11-26T08:00:00Z",
             "expiresAt":"2026-11-27T08:00:00Z","token":"eyJhbGciOiJFUzI1NiIs…"}""";

    private static final String CATALOGUE_EXAMPLE = """
            {"version":"2026-11-26.2","measures":[{"code":"P09","name":"经营异常名录主体在政府采购、工程招投标、国有土地出让、授予荣誉称号中予以限制",
             "kind":"punishment","measureClass":"mandatory","group":1,"effect":"block",
             "trigger":{"type":"listed","lists":["abnormalOperation"]},"matters":["governmentProcurement","bidding","honours"],
             "targets":["subject"],"implementingAuthorities":["各级人民政府有关部门"],
             "basis":{"document":"《企业信息公示暂行条例》","article":"第十八条"},"text":"…"}]}""";
    private static final String MATTERS_EXAMPLE = """
            [{"code":"bidding","name":"招标投标"},{"code":"governmentProcurement","name":"政府采购"}]""";
    private static final String BATCH_EXAMPLE = """
            {"matter":"bidding","results":[{"index":0,"subject":"91420103MA4K2X1234","status":"decided",
             "decision":{"decisionId":"5f0c2b9e-3f7a-4c51-9d7e-2a1b4c6d8e90","subject":"91420103MA4K2X1234","matter":"bidding",
             "decision":"none","measures":[],"catalogueVersion":"2026-11-26.2","decidedAt":"2026-11-26T08:00:00Z",
             "expiresAt":"2026-11-27T08:00:00Z","token":"eyJraWQiOi…"}},
             {"index":1,"subject":"not-a-code","status":"invalid","error":"must be 18 characters"}]}""";
    private static final String FEEDBACK_EXAMPLE = """
            {"decisionId":"5f0c2b9e-3f7a-4c51-9d7e-2a1b4c6d8e90","partnerId":"trading-platform-1","subject":"91420103MA4K2X1234",
             "matter":"bidding","decision":"block","measures":["P08"],"outcome":"applied",
             "decidedAt":"2026-11-26T08:00:00Z","reportedAt":"2026-11-26T08:05:00Z"}""";
    private static final String STATISTICS_EXAMPLE = """
            {"by":"measure","counts":[{"key":"P08","applied":41,"notApplied":2,"overridden":1}]}""";

    private final MeasureCatalog catalog;
    private final CheckService checks;
    private final FeedbackService feedback;
    private final SecurityIdentity identity;

    /** The single check is a hot path: its answer is written with a prepared writer, not one looked up per call. */
    private final com.fasterxml.jackson.databind.ObjectWriter decisionWriter;

    MeasureResource(MeasureCatalog catalog, CheckService checks, FeedbackService feedback, SecurityIdentity identity,
            com.fasterxml.jackson.databind.ObjectMapper mapper) {
        this.decisionWriter = mapper.writerFor(MeasureViews.Decision.class);
        this.catalog = catalog;
        this.checks = checks;
        this.feedback = feedback;
        this.identity = identity;
    }

    @GET
    @PermitAll
    @Operation(operationId = "listMeasures", summary = "The measure catalogue (联合奖惩措施清单), filtered",
            description = "Every measure with its kind, class, group, trigger, matters, targets, implementing authorities "
                    + "and legal basis. Strong ETag over the catalogue and the filter.")
    @APIResponse(responseCode = "200", description = "The catalogue version and its measures",
            content = @Content(schema = @Schema(implementation = MeasureViews.Catalogue.class),
                    examples = @ExampleObject(name = "filtered by list", value = CATALOGUE_EXAMPLE)))
    @APIResponse(responseCode = "304", description = "Not modified since the ETag given")
    @APIResponse(responseCode = "400", description = "Unknown matter, kind, class or list (the allowed values are listed)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response list(
            @Parameter(description = "Matter (事项) code, see /v1/measures/matters") @QueryParam("matter") String matter,
            @Parameter(description = "punishment or incentive", schema = @Schema(enumeration = {"punishment", "incentive"}))
            @QueryParam("kind") String kind,
            @Parameter(description = "mandatory or recommended", schema = @Schema(enumeration = {"mandatory", "recommended"}))
            @QueryParam("class") String measureClass,
            @Parameter(description = "A list code: measures triggered by membership of it") @QueryParam("list") String list,
            @HeaderParam("If-None-Match") String ifNoneMatch) {
        MeasureCatalogue c = catalog.current();
        Params p = new Params();
        String m = p.oneOf("matter", matter, c.matters().keySet());
        String k = p.oneOf("kind", kind, Set.of("punishment", "incentive"));
        String cl = p.oneOf("class", measureClass, Set.of("mandatory", "recommended"));
        String l = p.oneOf("list", list, ListCatalog.codes().stream()
                .collect(Collectors.toCollection(java.util.TreeSet::new)));
        p.check();
        String tag = c.etag() + "-" + Integer.toHexString(java.util.Objects.hash(m, k, cl, l));
        String etag = Caching.etag(tag);
        if (Caching.notModified(ifNoneMatch, tag)) {
            return Response.notModified().header("ETag", etag).header("Cache-Control", Caching.publicFor(300)).build();
        }
        List<Measure> measures = c.measures().stream()
                .filter(x -> m == null || x.appliesTo(m))
                .filter(x -> k == null || x.kind().equals(k))
                .filter(x -> cl == null || x.measureClass().equals(cl))
                .filter(x -> l == null || (x.trigger().lists() != null && x.trigger().lists().contains(l)))
                .toList();
        return Response.ok(new MeasureViews.Catalogue(c.version(), measures)).header("ETag", etag)
                .header("Cache-Control", Caching.publicFor(300)).build();
    }

    @GET
    @Path("/matters")
    @PermitAll
    @Operation(operationId = "listMatters", summary = "The matters (事项) a check can be made for")
    @APIResponse(responseCode = "200", description = "Matter codes and names",
            content = @Content(schema = @Schema(implementation = MeasureViews.Matter.class, type = SchemaType.ARRAY),
                    examples = @ExampleObject(name = "matters", value = MATTERS_EXAMPLE)))
    public Response matters() {
        List<MeasureViews.Matter> out = catalog.current().matters().entrySet().stream()
                .map(e -> new MeasureViews.Matter(e.getKey(), e.getValue())).toList();
        return Response.ok(out).header("Cache-Control", Caching.publicFor(300)).build();
    }

    @RateLimitGroup(RateLimitGroup.ELIGIBILITY)
    @GET
    @Path("/check/person")
    @RolesAllowed(Caller.PARTNER_ROLE)
    @SecurityRequirement(name = "jwt", scopes = {SCOPE, "persons:read"})
    @Operation(operationId = "checkPersonMeasures", summary = "Which measures apply to a natural person who consented (自然人应查必查)",
            description = "The person grants the partner a consent for the purpose measureCheck (联合奖惩核查) covering the record "
                    + "kinds the matter's measures look at (judgmentDefaulter, seriousDishonesty); the check reads those "
                    + "records under it, audits the access, and answers the measures that target a person (个人) with one "
                    + "signed decision. The answer and its token name the consent, never the person.")
    @APIResponse(responseCode = "200", description = "The decision", content = @Content(
            schema = @Schema(implementation = MeasureViews.Decision.class),
            examples = @ExampleObject(name = "a judgment defaulter boarding a flight", value = PERSON_DECISION_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "Not a consent id, or unknown or missing matter (the allowed values are listed)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The token lacks measures:check or persons:read; or no valid consent "
            + "for this partner and purpose, or it does not cover the kinds needed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> checkPerson(
            @Parameter(description = "The consent's id (from the person)", required = true) @QueryParam("consent") String consent,
            @Parameter(description = "Matter (事项) code", required = true, example = "airTravel") @QueryParam("matter") String matter) {
        Caller caller = partner();
        Callers.requireScope(caller, "persons:read");
        java.util.UUID consentId = Params.consentId("consent", consent);
        String m = matter(matter);
        return checks.checkPerson(consentId, m, caller.clientId()).map(d -> Response.ok(json(d), MediaType.APPLICATION_JSON_TYPE)
                .header("Cache-Control", "no-store").build());
    }

    @RateLimitGroup(RateLimitGroup.ELIGIBILITY)
    @GET
    @Path("/check/{uscc}")
    @RolesAllowed(Caller.PARTNER_ROLE)
    @SecurityRequirement(name = "jwt", scopes = SCOPE)
    @Operation(operationId = "checkMeasures", summary = "Which measures apply to this subject for this matter (应查必查)",
            description = "Every applicable measure with its class, basis, implementing authorities and triggering records, "
                    + "one overall decision (block, restrict, review, prioritise, none, or unknown for a subject the platform "
                    + "does not know), signed as a JWS the approval system keeps as proof that it checked.")
    @APIResponse(responseCode = "200", description = "The decision", content = @Content(
            schema = @Schema(implementation = MeasureViews.Decision.class),
            examples = @ExampleObject(name = "blocked bidder", value = DECISION_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "Invalid code, or unknown or missing matter (the allowed values are listed)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The token lacks the measures:check scope",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> check(@PathParam("uscc") String raw,
            @Parameter(description = "Matter (事项) code", required = true, example = "bidding") @QueryParam("matter") String matter) {
        Caller caller = partner();
        String uscc = Params.usccPath(raw);
        String m = matter(matter);
        return checks.check(uscc, m, caller.clientId()).map(d -> Response.ok(json(d), MediaType.APPLICATION_JSON_TYPE)
                .header("Cache-Control", "no-store").build());
    }

    private byte[] json(MeasureViews.Decision decision) {
        try {
            return decisionWriter.writeValueAsBytes(decision);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @RateLimitGroup(RateLimitGroup.ELIGIBILITY)
    @POST
    @Path("/check")
    @RolesAllowed(Caller.PARTNER_ROLE)
    @Consumes(MediaType.APPLICATION_JSON)
    @SecurityRequirement(name = "jwt", scopes = SCOPE)
    @Operation(operationId = "checkMeasuresBatch", summary = "Check up to 1,000 subjects for one matter (e.g. every bidder)",
            description = "One signed decision per subject, in input order; an invalid code is answered on its own while "
                    + "the others are decided.")
    @APIResponse(responseCode = "200", description = "One result per subject, in input order",
            content = @Content(schema = @Schema(implementation = MeasureViews.Batch.class),
                    examples = @ExampleObject(name = "two bidders", value = BATCH_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "Missing or too many subjects; unknown or missing matter",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The token lacks the measures:check scope",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> checkBatch(@Valid @NotNull(message = "a JSON body is required") MeasureViews.BatchRequest request) {
        Caller caller = partner();
        String m = matter(request.matter());
        CodeBatch batch = CodeBatch.of(request.subjects());
        return checks.checkAll(batch.valid(), m, caller.clientId()).map(decisions -> Response.ok(new MeasureViews.Batch(m,
                batch.answers(decisions, (i, code, d) -> new MeasureViews.BatchItem(i, code, "decided", d, null),
                        (i, given, error) -> new MeasureViews.BatchItem(i, given, "invalid", null, error))))
                .header("Cache-Control", "no-store").build());
    }

    @RateLimitGroup(RateLimitGroup.ELIGIBILITY)
    @POST
    @Path("/decisions/{decisionId}/feedback")
    @RolesAllowed(Caller.PARTNER_ROLE)
    @Consumes(MediaType.APPLICATION_JSON)
    @SecurityRequirement(name = "jwt", scopes = SCOPE)
    @Operation(operationId = "reportMeasureFeedback", summary = "Report what was done with a decision (执行反馈)",
            description = "applied, notApplied (with a reason) or overridden (with the approval reference), sent with the "
                    + "decision's token. A replay of the same report answers 200 and changes nothing.")
    @APIResponse(responseCode = "201", description = "Recorded",
            content = @Content(schema = @Schema(implementation = MeasureViews.Feedback.class),
                    examples = @ExampleObject(name = "applied", value = FEEDBACK_EXAMPLE)))
    @APIResponse(responseCode = "200", description = "Recorded already (a replay)",
            content = @Content(schema = @Schema(implementation = MeasureViews.Feedback.class)))
    @APIResponse(responseCode = "400", description = "Unknown outcome, or a missing reason or approval reference",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The decision was made for another partner",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such decision (the token does not prove it)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "A different report for this decision exists already",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> report(@PathParam("decisionId") String decisionId,
            @Valid @NotNull(message = "a JSON body is required") MeasureViews.FeedbackRequest request) {
        Caller caller = partner();
        return feedback.report(decisionId, caller.clientId(), request)
                .map(s -> Response.status(s.created() ? 201 : 200).entity(s.feedback()).build());
    }

    @GET
    @Path("/feedback/statistics")
    @RolesAllowed(Caller.PARTNER_ROLE)
    @SecurityRequirement(name = "jwt", scopes = SCOPE)
    @Operation(operationId = "countMeasureFeedback", summary = "Execution feedback counted (跟踪监测、分析评估)",
            description = "by=measure, matter, authority (the reporting partner) or month (of the decision); each count "
                    + "split into applied, notApplied and overridden.")
    @APIResponse(responseCode = "200", description = "Counts",
            content = @Content(schema = @Schema(implementation = MeasureViews.FeedbackStatistics.class),
                    examples = @ExampleObject(name = "by measure", value = STATISTICS_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "Unknown dimension",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> statistics(@Parameter(description = "measure, matter, authority or month", required = true,
            schema = @Schema(enumeration = {"measure", "matter", "authority", "month"})) @QueryParam("by") String by) {
        partner();
        Params p = new Params();
        String dimension = p.oneOf("by", by, new java.util.TreeSet<>(FeedbackService.dimensions()));
        if (dimension == null) {
            p.error("by", "is required: one of " + new java.util.TreeSet<>(FeedbackService.dimensions()));
        }
        p.check();
        return feedback.statistics(dimension).map(s -> Response.ok(s).header("Cache-Control", "no-store").build());
    }

    private Caller partner() {
        Caller caller = Callers.of(identity, "");
        Callers.requireScope(caller, SCOPE);
        return caller;
    }

    private String matter(String matter) {
        if (matter != null && checks.matters().contains(matter)) {
            return matter;
        }
        Set<String> allowed = new java.util.TreeSet<>(checks.matters());
        if (matter == null || matter.isBlank()) {
            throw ApiProblem.invalidField("matter", "is required: one of " + allowed);
        }
        Params p = new Params();
        p.oneOf("matter", matter, allowed);
        p.check();
        return matter;
    }
}
