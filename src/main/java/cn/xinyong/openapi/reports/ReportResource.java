package cn.xinyong.openapi.reports;

import cn.xinyong.openapi.platform.problem.ApiProblem;
import cn.xinyong.openapi.platform.problem.Problem;
import cn.xinyong.openapi.platform.problem.ProblemType;
import cn.xinyong.openapi.platform.security.Caller;
import cn.xinyong.openapi.platform.security.Callers;
import cn.xinyong.openapi.platform.web.Links;
import cn.xinyong.openapi.platform.web.RateLimitGroup;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** 信用报告: an organisation's own report (JSON signed, or PDF), and its verification by whoever receives it. */
@Path("/v1")
@Tag(name = "credit reports", description = "信用报告 an organisation obtains for itself and hands to a bank or a "
        + "department (以信用报告替代证明), and its verification by number and code")
public class ReportResource {

    private static final String PDF = "application/pdf";
    private final ReportService reports;
    private final SecurityIdentity identity;
    private final Links links;

    ReportResource(ReportService reports, SecurityIdentity identity, Links links) {
        this.reports = reports;
        this.identity = identity;
        this.links = links;
    }

    @GET
    @Path("/credit-report")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Caller.ORGANISATION_ROLE)
    @RateLimitGroup(RateLimitGroup.ELIGIBILITY)
    @SecurityRequirement(name = "jwt")
    @Operation(operationId = "getCreditReport", summary = "Your organisation's credit report, signed (信用报告)",
            description = "Registration, grade, current list memberships, licences, penalties still published and "
                    + "commitments, with a report number, the issue time and a verification code. `token` is the same "
                    + "report signed (ES256); verify it offline against GET /v1/xinyi/jwks. Each call issues a report.")
    @APIResponse(responseCode = "200", description = "The report",
            content = @Content(schema = @Schema(implementation = ReportViews.Signed.class)))
    @APIResponse(responseCode = "404", description = "No public entity has the organisation's code",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> json(@Context UriInfo uri) {
        return reports.issue(organisation(), ReportService.JSON, links.base(uri))
                .map(issued -> Response.ok(issued.json()).header("Cache-Control", "no-store").build());
    }

    @GET
    @Path("/credit-report.pdf")
    @Produces(PDF)
    @RolesAllowed(Caller.ORGANISATION_ROLE)
    @RateLimitGroup(RateLimitGroup.ELIGIBILITY)
    @SecurityRequirement(name = "jwt")
    @Operation(operationId = "getCreditReportPdf", summary = "Your organisation's credit report as a PDF (Chinese, A4)",
            description = "The same content as the JSON report, with the report number and verification code printed; "
                    + "the receiving side checks it at /v1/credit-reports/{number}/verification.")
    @APIResponse(responseCode = "200", description = "The PDF; X-Report-Number names it",
            content = @Content(mediaType = PDF, schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "404", description = "No public entity has the organisation's code",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> pdf(@Context UriInfo uri) {
        return reports.issue(organisation(), ReportService.PDF, links.base(uri))
                .map(issued -> Response.ok(issued.pdf(), PDF).header("Cache-Control", "no-store")
                        .header("X-Report-Number", issued.number())
                        .header("Content-Disposition", "attachment; filename=\"credit-report-" + issued.number() + ".pdf\"")
                        .build());
    }

    @GET
    @Path("/credit-reports/{number}/verification")
    @Produces(MediaType.APPLICATION_JSON)
    @PermitAll
    @Operation(operationId = "verifyCreditReport", summary = "Whether a credit report was issued here (报告验证)",
            description = "With the number and the code printed on the report: for whom and when it was issued, and "
                    + "the SHA-256 of the document handed out, to compare with the one received.")
    @APIResponse(responseCode = "200", description = "Authentic",
            content = @Content(schema = @Schema(implementation = ReportViews.Verification.class)))
    @APIResponse(responseCode = "404", description = "No report with this number and code",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ReportViews.Verification> verify(@PathParam("number") String number,
            @Parameter(description = "验证码", required = true) @QueryParam("code") String code) {
        return found(number, code).map(r -> verification(r, null));
    }

    @POST
    @Path("/credit-reports/{number}/verification")
    @Consumes({PDF, MediaType.APPLICATION_OCTET_STREAM, MediaType.TEXT_PLAIN})
    @Produces(MediaType.APPLICATION_JSON)
    @PermitAll
    @Operation(operationId = "checkCreditReportDocument", summary = "Check a received report document byte for byte",
            description = "Send the PDF (or the JSON report's token as text); `matches` says whether it is the document "
                    + "issued under this number. An altered document does not match.")
    @RequestBody(required = true, content = {@Content(mediaType = PDF, schema = @Schema(type = SchemaType.STRING,
            format = "binary")), @Content(mediaType = MediaType.TEXT_PLAIN, schema = @Schema(type = SchemaType.STRING))})
    @APIResponse(responseCode = "200", description = "Authentic number and code; see matches",
            content = @Content(schema = @Schema(implementation = ReportViews.Verification.class)))
    @APIResponse(responseCode = "404", description = "No report with this number and code",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ReportViews.Verification> check(@PathParam("number") String number,
            @Parameter(description = "验证码", required = true) @QueryParam("code") String code, byte[] document) {
        return found(number, code).map(r -> verification(r, document == null ? new byte[0] : document));
    }

    private Uni<IssuedReport> found(String number, String code) {
        return reports.find(number, code).map(r -> {
            if (r == null) {
                throw new ApiProblem(ProblemType.NOT_FOUND, "No credit report " + number + " with this verification code");
            }
            return r;
        });
    }

    private static ReportViews.Verification verification(IssuedReport r, byte[] document) {
        return new ReportViews.Verification(r.number, true, r.subject, r.subjectName, r.issuedAt, r.format, r.digest,
                document == null ? null : ReportService.digest(document).equals(r.digest));
    }

    private String organisation() {
        return Callers.organisation(identity);
    }
}
