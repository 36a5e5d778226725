package cn.xinyong.openapi.screening;

import cn.xinyong.openapi.platform.web.RateLimitGroup;
import cn.xinyong.openapi.platform.id.Uscc;
import cn.xinyong.openapi.platform.problem.ApiProblem;
import cn.xinyong.openapi.platform.problem.Violations;
import cn.xinyong.openapi.platform.problem.Problem;
import cn.xinyong.openapi.platform.problem.ProblemType;
import cn.xinyong.openapi.platform.security.Caller;
import cn.xinyong.openapi.platform.security.Callers;
import cn.xinyong.openapi.readmodel.record.ListCatalog;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** 信用核查: check many subjects against the red and black lists at once. */
@RateLimitGroup(RateLimitGroup.SCREENING)
@Path("/v1/screening")
@Tag(name = "screening", description = "信用核查: batch checks of subjects against the red and black lists (联合奖惩)")
@SecurityRequirement(name = "jwt", scopes = "screening")
public class ScreeningResource {

    static final String SCOPE = "screening";
    private final ScreeningService service;
    private final jakarta.validation.Validator validator;
    private final SecurityIdentity identity;

    private final cn.xinyong.openapi.platform.TimeSource time;

    ScreeningResource(ScreeningService service, SecurityIdentity identity, cn.xinyong.openapi.platform.TimeSource time,
            jakarta.validation.Validator validator) {
        this.time = time;
        this.validator = validator;
        this.service = service;
        this.identity = identity;
    }

    @POST
    @RolesAllowed(Caller.PARTNER_ROLE)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "screenSubjects", summary = "Screen up to 1,000 subjects against the lists (批量信用核查)",
            description = "Codes match exactly; names match after normalisation (width, brackets, 有限责任公司/有限公司, "
                    + "region prefixes) with a score, so the caller can apply its own threshold. Results keep the input "
                    + "order; a subject that is not valid gets its own error while the others are still answered.")
    @APIResponse(responseCode = "200", description = "One result per subject, in input order",
            content = @Content(schema = @Schema(implementation = ScreeningViews.Response.class)))
    @APIResponse(responseCode = "400", description = "Missing or too many subjects, unknown lists, bad options",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid partner token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The token lacks the screening scope",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = "Over the plan's screening rate",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ScreeningViews.Response> screen(ScreeningViews.Request request) {
        Callers.requireScope(Callers.of(identity, ""), SCOPE);
        if (request == null) {
            throw ApiProblem.invalidField("body", "a JSON body is required");
        }
        // One 400 names everything: the record's constraints (its shape), then the list catalogue.
        List<Problem.FieldError> errors = new ArrayList<>(Violations.errors(validator.validate(request)));
        Set<String> lists = new LinkedHashSet<>();
        if (request.lists() == null || request.lists().isEmpty()) {
            lists.addAll(ListCatalog.codes());
        } else {
            for (int i = 0; i < request.lists().size(); i++) {
                String l = request.lists().get(i);
                if (l != null && ListCatalog.byCode(l).isEmpty()) {
                    errors.add(new Problem.FieldError("lists[" + i + "]", "unknown list '" + l + "'"));
                }
                lists.add(l);
            }
        }
        double minScore = request.minScore() == null ? 0.6 : request.minScore();
        int maxMatches = request.maxMatches() == null ? 3 : request.maxMatches();
        if (!errors.isEmpty()) {
            throw new ApiProblem(ProblemType.INVALID_REQUEST, "The screening request is not valid", errors);
        }
        List<ScreeningService.Item> valid = new ArrayList<>();
        List<ScreeningViews.Result> invalid = new ArrayList<>();
        for (int i = 0; i < request.subjects().size(); i++) {
            ScreeningViews.Subject s = request.subjects().get(i);
            Problem.FieldError error = check(i, s);
            if (error != null) {
                invalid.add(new ScreeningViews.Result(i, s, "invalid", List.of(), error));
            } else if (s.uscc() != null && !s.uscc().isBlank()) {
                valid.add(new ScreeningService.Item(i, s, Uscc.normalise(s.uscc()), null, null));
            } else {
                valid.add(new ScreeningService.Item(i, s, null, s.name().strip(), s.region()));
            }
        }
        Instant at = time.now();
        return service.screen(valid, lists, minScore, maxMatches).map(results -> {
            List<ScreeningViews.Result> all = new ArrayList<>(results);
            all.addAll(invalid);
            all.sort(java.util.Comparator.comparingInt(ScreeningViews.Result::index));
            int listed = 0;
            int clear = 0;
            int notFound = 0;
            for (ScreeningViews.Result r : all) {
                switch (r.status()) {
                    case "listed" -> listed++;
                    case "clear" -> clear++;
                    case "notFound" -> notFound++;
                    default -> { }
                }
            }
            return new ScreeningViews.Response(at, List.copyOf(lists),
                    new ScreeningViews.Summary(all.size(), listed, clear, notFound, invalid.size()), all);
        });
    }

    private static Problem.FieldError check(int i, ScreeningViews.Subject s) {
        String at = "subjects[" + i + "]";
        if (s == null) {
            return new Problem.FieldError(at, "is empty");
        }
        boolean hasCode = s.uscc() != null && !s.uscc().isBlank();
        boolean hasName = s.name() != null && !s.name().isBlank();
        if (hasCode == hasName) {
            return new Problem.FieldError(at, "give either uscc or name");
        }
        if (hasCode) {
            return Uscc.problem(Uscc.normalise(s.uscc())).map(p -> new Problem.FieldError(at + ".uscc", p)).orElse(null);
        }
        if (s.name().strip().length() < 2 || s.name().length() > 100) {
            return new Problem.FieldError(at + ".name", "must be 2-100 characters");
        }
        if (s.region() != null && !s.region().matches("\\d{2}|\\d{4}|\\d{6}")) {
            return new Problem.FieldError(at + ".region", "must be 2, 4 or 6 digits of a 行政区划代码");
        }
        return null;
    }
}
