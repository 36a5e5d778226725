package cn.xinyong.openapi.consent;

import cn.xinyong.openapi.platform.web.RateLimitGroup;
import cn.xinyong.openapi.platform.id.ResidentId;
import cn.xinyong.openapi.platform.problem.ApiProblem;
import cn.xinyong.openapi.platform.web.Params;
import cn.xinyong.openapi.platform.problem.Problem;
import cn.xinyong.openapi.platform.problem.ProblemType;
import cn.xinyong.openapi.platform.security.Caller;
import cn.xinyong.openapi.platform.security.Callers;
import cn.xinyong.openapi.platform.security.SubjectHasher;
import cn.xinyong.openapi.readmodel.record.PersonRecord;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A resident's own consents and the log of who read their records (本人授权与查询记录). */
@RateLimitGroup(RateLimitGroup.PERSONS)
@Path("/v1/me")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "me", description = "For residents (through the app): consents given to partners, and every access to their records")
@SecurityRequirement(name = "jwt")
@RolesAllowed(Caller.SUBJECT_ROLE)
public class MeResource {

    private final ConsentService consents;
    private final AuditTrail audit;
    private final SubjectHasher hasher;
    private final SecurityIdentity identity;

    private final cn.xinyong.openapi.platform.TimeSource time;

    MeResource(ConsentService consents, AuditTrail audit, SubjectHasher hasher, SecurityIdentity identity,
            cn.xinyong.openapi.platform.TimeSource time, jakarta.validation.Validator validator) {
        this.time = time;
        this.validator = validator;
        this.consents = consents;
        this.audit = audit;
        this.hasher = hasher;
        this.identity = identity;
    }

    private final jakarta.validation.Validator validator;

    private String me() {
        Caller caller = Callers.of(identity, "");
        if (caller.residentId() == null || !ResidentId.isValid(caller.residentId())) {
            throw new ApiProblem(ProblemType.FORBIDDEN, "The token does not name a resident");
        }
        return hasher.hash(caller.residentId());
    }

    @POST
    @Path("/consents")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "grantConsent", summary = "Let a partner read some of my records for a purpose (授权)")
    @APIResponse(responseCode = "201", description = "The consent",
            content = @Content(schema = @Schema(implementation = ConsentViews.View.class)))
    @APIResponse(responseCode = "400", description = "Missing or invalid fields",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> grant(ConsentViews.Grant grant) {
        String subject = me();
        if (grant == null) {
            throw ApiProblem.invalidField("body", "a consent body is required");
        }
        // One 400 names everything: the record's constraints (its shape), then the vocabularies and the clock.
        Params p = new Params();
        p.violations(validator.validate(grant));
        if (grant.purpose() != null && !ConsentViews.PURPOSES.containsKey(grant.purpose())) {
            p.error("purpose", "must be one of " + ConsentViews.PURPOSES.keySet());
        }
        if (grant.recordKinds() != null && !grant.recordKinds().stream().filter(java.util.Objects::nonNull)
                .allMatch(PersonRecord.KINDS::containsKey)) {
            p.error("recordKinds", "must name some of " + PersonRecord.KINDS.keySet());
        }
        Instant now = time.now();
        if (grant.expiresAt() != null
                && (!grant.expiresAt().isAfter(now) || grant.expiresAt().isAfter(now.plus(366, ChronoUnit.DAYS)))) {
            p.error("expiresAt", "must be in the future and at most a year ahead");
        }
        p.check();
        return consents.grant(subject, grant).map(c -> Response.created(URI.create("/v1/me/consents/" + c.id))
                .entity(view(c)).build());
    }

    @GET
    @Path("/consents")
    @Operation(operationId = "listConsents", summary = "My consents, newest first")
    @APIResponse(responseCode = "200", description = "Consents",
            content = @Content(schema = @Schema(implementation = ConsentViews.View.class,
                    type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.ARRAY)))
    public Uni<List<ConsentViews.View>> list() {
        return consents.list(me()).map(all -> all.stream().map(this::view).toList());
    }

    @DELETE
    @Path("/consents/{id}")
    @Operation(operationId = "revokeConsent", summary = "Revoke a consent (撤销授权); effective at once everywhere")
    @APIResponse(responseCode = "204", description = "Revoked")
    @APIResponse(responseCode = "404", description = "No such consent of mine",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> revoke(@PathParam("id") String id) {
        UUID uuid = cn.xinyong.openapi.platform.web.Params.consentId("id", id);
        return consents.revoke(me(), uuid).map(c -> {
            if (c == null) {
                throw new ApiProblem(ProblemType.NOT_FOUND, "You have no consent " + id);
            }
            return Response.noContent().build();
        });
    }

    @GET
    @Path("/credit")
    @Operation(operationId = "getMyCredit", summary = "My own credit records (本人信用记录)")
    @APIResponse(responseCode = "200", description = "Every kind of my records",
            content = @Content(schema = @Schema(implementation = ConsentViews.Record.class,
                    type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.ARRAY)))
    public Uni<Response> credit() {
        return consents.own(me()).map(r -> Response.ok(r).header("Cache-Control", "no-store").build());
    }

    @GET
    @Path("/credit-report")
    @Operation(operationId = "getMyCreditReport", summary = "My own credit report, signed (本人信用报告)",
            description = "Every kind of my records with a signed token a bank or a department can verify against the "
                    + "JWKS. Never public; the read appears in my access log as my own.")
    @APIResponse(responseCode = "200", description = "The report",
            content = @Content(schema = @Schema(implementation = ConsentViews.PersonalReport.class)))
    public Uni<Response> creditReport() {
        return consents.ownReport(me()).map(r -> Response.ok(r).header("Cache-Control", "no-store").build());
    }

    @GET
    @Path("/accesses")
    @Operation(operationId = "listMyAccesses", summary = "Who looked at my records, when and why (查询记录)")
    @APIResponse(responseCode = "200", description = "Accesses, newest first, refused ones included",
            content = @Content(schema = @Schema(implementation = ConsentViews.Access.class,
                    type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.ARRAY)))
    public Uni<List<ConsentViews.Access>> accesses(@QueryParam("limit") Integer limit) {
        int size = limit == null ? 50 : limit;
        if (size < 1 || size > 500) {
            throw ApiProblem.invalidField("limit", "must be between 1 and 500");
        }
        return audit.forSubject(me(), size).map(all -> all.stream().map(a -> new ConsentViews.Access(a.at, a.partnerId,
                a.purpose, a.consentId, a.outcome, a.reason,
                a.recordKinds == null ? null : Arrays.asList(a.recordKinds.split(",")))).toList());
    }

    ConsentViews.View view(Consent c) {
        return new ConsentViews.View(c.id, c.partnerId, c.purpose, ConsentViews.PURPOSES.get(c.purpose), c.kinds(),
                c.grantedAt, c.expiresAt, c.revokedAt, c.state(time.now()));
    }

}
