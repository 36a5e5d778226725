package cn.xinyong.openapi.eligibility;
import cn.xinyong.openapi.platform.web.RateLimitGroup;
import cn.xinyong.openapi.platform.security.DecisionSigner;

import cn.xinyong.openapi.platform.id.Uscc;
import cn.xinyong.openapi.platform.problem.ApiProblem;
import cn.xinyong.openapi.platform.problem.Problem;
import cn.xinyong.openapi.platform.problem.ProblemType;
import cn.xinyong.openapi.platform.security.Caller;
import cn.xinyong.openapi.platform.security.Callers;
import cn.xinyong.openapi.platform.web.Caching;
import cn.xinyong.openapi.platform.web.Params;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** 信易+: scheme catalogue, explainable signed eligibility decisions, and the keys to verify them. */
@RateLimitGroup(RateLimitGroup.ELIGIBILITY)
@Path("/v1/xinyi")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "xinyi", description = "信易+ eligibility: 信易贷, 信易游, 信易行, 信易租, 信易批 …")
public class EligibilityResource {

    private final SchemeCatalog catalog;
    private final EligibilityService service;
    private final DecisionSigner signer;
    private final SecurityIdentity identity;
    private final cn.xinyong.openapi.consent.ConsentService consents;

    EligibilityResource(SchemeCatalog catalog, EligibilityService service, DecisionSigner signer, SecurityIdentity identity,
            cn.xinyong.openapi.consent.ConsentService consents) {
        this.consents = consents;
        this.catalog = catalog;
        this.service = service;
        this.signer = signer;
        this.identity = identity;
    }

    @GET
    @Path("/schemes")
    @PermitAll
    @Operation(operationId = "listSchemes", summary = "The 信易+ schemes, their benefits, who may ask and their rules")
    @APIResponse(responseCode = "200", description = "Schemes",
            content = @Content(schema = @Schema(implementation = EligibilityViews.SchemeView.class,
                    type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.ARRAY)))
    public Response schemes() {
        List<EligibilityViews.SchemeView> out = catalog.all().values().stream().map(s -> new EligibilityViews.SchemeView(
                s.code(), s.name(), s.description(), s.basis(), s.benefits(), s.requiredScope(), s.decisionTtl().toString(),
                s.reportsRestrictions(), s.rules().stream().map(r -> new EligibilityViews.RuleView(r.type(), r.describe()))
                        .toList())).toList();
        return Response.ok(out).header("Cache-Control", Caching.publicFor(60)).build();
    }

    @GET
    @Path("/jwks")
    @PermitAll
    @Operation(operationId = "getDecisionKeys", summary = "Public keys (JWKS) that verify decision tokens offline")
    @APIResponse(responseCode = "200", description = "A JSON Web Key Set")
    public Response jwks() {
        return Response.ok(signer.jwks()).header("Cache-Control", Caching.publicFor(3600)).build();
    }

    @GET
    @Path("/{scheme}/eligibility/person")
    @RolesAllowed(Caller.PARTNER_ROLE)
    @SecurityRequirement(name = "jwt", scopes = {"eligibility:<scheme>", "persons:read"})
    @Operation(operationId = "decidePersonEligibility", summary = "Decide for a natural person who consented (自然人信易+)",
            description = "The person's consent (purpose = the scheme's code) opens their records; registration and "
                    + "grade rules do not apply to persons. The access is audited and the token names the consent, never "
                    + "the person.")
    @APIResponse(responseCode = "200", description = "The decision",
            content = @Content(schema = @Schema(implementation = EligibilityViews.Decision.class)))
    @APIResponse(responseCode = "403", description = "No valid consent, or it does not cover the records the rules need",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> decidePerson(@PathParam("scheme") String code,
            @org.jboss.resteasy.reactive.RestQuery("consent") String consent) {
        Scheme scheme = scheme(code);
        Caller caller = Callers.of(identity, "");
        Callers.requireScope(caller, "persons:read");
        java.util.UUID consentId = cn.xinyong.openapi.platform.web.Params.consentId("consent", consent);
        java.util.Set<String> needed = new java.util.TreeSet<>();
        scheme.rules().forEach(r -> needed.addAll(r.personKindsNeeded()));
        return consents.read(caller.clientId(), consentId, scheme.code(), needed)
                .map(credit -> Response.ok(service.decidePerson(scheme, credit)).header("Cache-Control", "no-store").build());
    }

    @GET
    @Path("/{scheme}/eligibility/{uscc}")
    @RolesAllowed(Caller.PARTNER_ROLE)
    @SecurityRequirement(name = "jwt", scopes = "eligibility:<scheme>")
    @Operation(operationId = "decideEligibility", summary = "Is this subject eligible for the scheme? (信易+ 资格核验)",
            description = "Every rule with pass/fail and evidence, the benefits granted, restrictions for transit and "
                    + "tourism schemes, and the whole decision as a signed token.")
    @APIResponse(responseCode = "200", description = "The decision",
            content = @Content(schema = @Schema(implementation = EligibilityViews.Decision.class)))
    @APIResponse(responseCode = "400", description = "Invalid code",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The scheme is not open to the caller",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Unknown scheme or subject",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> decide(@PathParam("scheme") String code, @PathParam("uscc") String raw) {
        Scheme scheme = scheme(code);
        String uscc = Params.usccPath(raw);
        return service.decide(scheme, uscc).map(d -> {
            if (d == null) {
                throw ApiProblem.entityNotFound(uscc);
            }
            return Response.ok(d).header("Cache-Control", "no-store").build();
        });
    }

    @POST
    @Path("/{scheme}/eligibility")
    @RolesAllowed(Caller.PARTNER_ROLE)
    @Consumes(MediaType.APPLICATION_JSON)
    @SecurityRequirement(name = "jwt", scopes = "eligibility:<scheme>")
    @Operation(operationId = "decideEligibilityBatch", summary = "Decide for up to 1,000 subjects at once (for banks)")
    @APIResponse(responseCode = "200", description = "One result per subject, in input order",
            content = @Content(schema = @Schema(implementation = EligibilityViews.Batch.class)))
    @APIResponse(responseCode = "400", description = "Missing or too many subjects",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> decideBatch(@PathParam("scheme") String code,
            @Valid @NotNull(message = "a JSON body is required") EligibilityViews.BatchRequest request) {
        Scheme scheme = scheme(code);
        cn.xinyong.openapi.platform.web.CodeBatch batch = cn.xinyong.openapi.platform.web.CodeBatch.of(request.subjects());
        return service.decideAll(scheme, batch.valid()).map(decisions -> {
            List<EligibilityViews.BatchItem> items = batch.answers(decisions,
                    (i, subject, d) -> new EligibilityViews.BatchItem(i, subject, d == null ? "notFound" : "decided", d, null),
                    (i, raw, error) -> new EligibilityViews.BatchItem(i, raw, "invalid", null, error));
            return Response.ok(new EligibilityViews.Batch(scheme.code(), items))
                    .header("Cache-Control", "no-store").build();
        });
    }

    private Scheme scheme(String code) {
        Scheme scheme = catalog.get(code).orElseThrow(() -> new ApiProblem(ProblemType.NOT_FOUND,
                "No 信易+ scheme '" + code + "'; see GET /v1/xinyi/schemes",
                List.of(new Problem.FieldError("scheme", "unknown"))));
        Caller caller = Callers.of(identity, "");
        if (scheme.requiredScope() != null && !caller.hasScope(scheme.requiredScope())) {
            throw new ApiProblem(ProblemType.FORBIDDEN, "The scheme " + code + " is open to callers with the scope '"
                    + scheme.requiredScope() + "'");
        }
        return scheme;
    }

}
