package cn.xinyong.openapi.rights;

import cn.xinyong.openapi.platform.TimeSource;
import cn.xinyong.openapi.platform.problem.ApiProblem;
import cn.xinyong.openapi.platform.problem.Problem;
import cn.xinyong.openapi.platform.problem.ProblemType;
import cn.xinyong.openapi.platform.security.Caller;
import cn.xinyong.openapi.readmodel.Dataset;
import cn.xinyong.openapi.readmodel.SubjectStore;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
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
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** 信用修复: when each of an organisation's negative records may be repaired, and the application to do it. */
@Path("/v1/repairs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "subjects' rights")
@SecurityRequirement(name = "jwt")
@RolesAllowed(Caller.ORGANISATION_ROLE)
public class RepairResource {

    private final ApplicationService applications;
    private final SubjectStore store;
    private final TimeSource time;
    private final SecurityIdentity identity;

    RepairResource(ApplicationService applications, SubjectStore store, TimeSource time, SecurityIdentity identity) {
        this.applications = applications;
        this.store = store;
        this.time = time;
        this.identity = identity;
    }

    @GET
    @Path("/eligibility")
    @Operation(operationId = "getRepairOptions", summary = "When each of your negative records may be repaired (可修复性)",
            description = "Published penalties: from 3 months after the decision (1 year for 特种设备, 安全生产, 消防) until "
                    + "publication ends by itself (at most 3 years); list entries by the list's own terms.")
    @APIResponse(responseCode = "200", description = "Every negative record still shown, with its dates and needs",
            content = @Content(schema = @Schema(implementation = RightsViews.RepairOptions.class)))
    public Uni<RightsViews.RepairOptions> options() {
        String uscc = Applicants.organisation(identity).id();
        LocalDate today = time.today();
        return store.subject(uscc).map(doc -> new RightsViews.RepairOptions(uscc, today, RepairRules.of(doc, today)));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "applyForRepair", summary = "Apply to repair one of your records (申请信用修复)",
            description = "Refused with 409 before the earliest date (named in the problem) or for a record repaired "
                    + "only by its listing authority. The platform decides; an approved repair (status upheld) is "
                    + "followed by the record's withdrawal as repaired through the feed.")
    @APIResponse(responseCode = "201", description = "Filed; Location names the application",
            content = @Content(schema = @Schema(implementation = RightsViews.Application.class)))
    @APIResponse(responseCode = "400", description = "A missing or oversized field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Not the caller's record",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such published record",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Not repairable yet (the problem names the date), not by "
            + "application, or an application about it is open",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> apply(@Valid @NotNull(message = "a JSON body is required") RightsViews.RepairRequest request) {
        ApplicationService.Applicant applicant = Applicants.organisation(identity);
        Dataset dataset = Dataset.byFeedName(request.dataset()).orElseThrow();
        String recordId = request.recordId().strip();
        LocalDate today = time.today();
        return applications.owned(applicant, dataset, recordId).flatMap(found -> store.subject(applicant.id()))
                .flatMap(doc -> {
                    RepairRules.Repairability rule = RepairRules.of(doc, today).stream()
                            .filter(r -> r.dataset().equals(dataset.feedName()) && r.recordId().equals(recordId))
                            .findFirst().orElseThrow(() -> conflict(recordId, "is not a negative record shown today"));
                    if (rule.earliest() == null) {
                        throw conflict(recordId, rule.note());
                    }
                    if (!rule.repairableNow()) {
                        throw conflict(recordId, "may be repaired from " + rule.earliest() + " (" + rule.note() + ")");
                    }
                    return applications.file(ApplicationService.REPAIR, applicant, dataset, recordId,
                            request.commitment(), request.evidence());
                })
                .map(a -> Response.created(URI.create("/v1/repairs/" + a.number())).entity(a)
                        .header("Cache-Control", "no-store").build());
    }

    @GET
    @Operation(operationId = "listRepairs", summary = "Your repair applications, newest first, with their history")
    @APIResponse(responseCode = "200", description = "Applications",
            content = @Content(schema = @Schema(implementation = RightsViews.Application.class, type = SchemaType.ARRAY)))
    public Uni<List<RightsViews.Application>> mine() {
        return applications.mine(ApplicationService.REPAIR, Applicants.organisation(identity));
    }

    @GET
    @Path("/{number}")
    @Operation(operationId = "getRepair", summary = "One of your repair applications with its status history")
    @APIResponse(responseCode = "200", description = "The application",
            content = @Content(schema = @Schema(implementation = RightsViews.Application.class)))
    @APIResponse(responseCode = "404", description = "You have no repair application with this number",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RightsViews.Application> one(@PathParam("number") String number) {
        return applications.one(ApplicationService.REPAIR, Applicants.organisation(identity), number);
    }

    private static ApiProblem conflict(String recordId, String why) {
        return new ApiProblem(ProblemType.CONFLICT, "Record " + recordId + " " + why,
                List.of(new Problem.FieldError("recordId", why)));
    }
}
