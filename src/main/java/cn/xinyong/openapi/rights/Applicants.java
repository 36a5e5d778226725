package cn.xinyong.openapi.rights;

import cn.xinyong.openapi.platform.id.ResidentId;
import cn.xinyong.openapi.platform.problem.ApiProblem;
import cn.xinyong.openapi.platform.problem.ProblemType;
import cn.xinyong.openapi.platform.security.Caller;
import cn.xinyong.openapi.platform.security.Callers;
import cn.xinyong.openapi.platform.security.SubjectHasher;
import io.quarkus.security.identity.SecurityIdentity;

/** Who applies, from the token: the organisation it names, or the resident (by the keyed hash of their ID). */
final class Applicants {

    private Applicants() {
    }

    static ApplicationService.Applicant of(SecurityIdentity identity, SubjectHasher hasher) {
        Caller caller = Callers.of(identity, "");
        if (caller.kind() == Caller.Kind.ORGANISATION) {
            return organisation(identity);
        }
        if (caller.residentId() == null || !ResidentId.isValid(caller.residentId())) {
            throw new ApiProblem(ProblemType.FORBIDDEN, "The token does not name a resident");
        }
        return ApplicationService.Applicant.resident(hasher.hash(caller.residentId()));
    }

    /** The organisation the token names; 403 for any other caller. */
    static ApplicationService.Applicant organisation(SecurityIdentity identity) {
        return ApplicationService.Applicant.organisation(Callers.organisation(identity));
    }
}
