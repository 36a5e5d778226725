package cn.xinyong.openapi.platform.security;

import cn.xinyong.openapi.platform.problem.ApiProblem;
import cn.xinyong.openapi.platform.problem.ProblemType;
import io.quarkus.security.identity.SecurityIdentity;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Reads a {@link Caller} from the request's security identity (a verified JWT, or none). */
public final class Callers {

    /** Claim holding the partner's plan (rate limits). */
    public static final String PLAN_CLAIM = "plan";
    /** Claim holding the partner's client id; {@code sub} when absent. */
    public static final String CLIENT_CLAIM = "client_id";
    /** Claim of a subject token holding the resident's 居民身份证号码 (hashed before any use). */
    public static final String RESIDENT_CLAIM = "resident_id";
    /** Claim of an organisation token holding the organisation's own 统一社会信用代码. */
    public static final String ORGANISATION_CLAIM = "org_uscc";

    private Callers() {
    }

    public static Caller of(SecurityIdentity identity, String address) {
        if (identity == null || identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return new Caller(Caller.Kind.ANONYMOUS, "anonymous:" + address, "anonymous", Set.of(), null, null);
        }
        Set<String> scopes = jwt.containsClaim("scope")
                ? Arrays.stream(String.valueOf((Object) jwt.getClaim("scope")).split(" ")).filter(s -> !s.isBlank())
                        .collect(Collectors.toUnmodifiableSet())
                : Set.of();
        String client = jwt.containsClaim(CLIENT_CLAIM) ? String.valueOf((Object) jwt.getClaim(CLIENT_CLAIM)) : jwt.getSubject();
        String plan = jwt.containsClaim(PLAN_CLAIM) ? String.valueOf((Object) jwt.getClaim(PLAN_CLAIM)) : "standard";
        if (identity.hasRole(Caller.SUBJECT_ROLE)) {
            String resident = jwt.containsClaim(RESIDENT_CLAIM) ? String.valueOf((Object) jwt.getClaim(RESIDENT_CLAIM)) : null;
            return new Caller(Caller.Kind.SUBJECT, client, plan, scopes, resident, null);
        }
        if (identity.hasRole(Caller.ORGANISATION_ROLE)) {
            String uscc = jwt.containsClaim(ORGANISATION_CLAIM)
                    ? cn.xinyong.openapi.platform.id.Uscc.normalise(String.valueOf((Object) jwt.getClaim(ORGANISATION_CLAIM)))
                    : null;
            return new Caller(Caller.Kind.ORGANISATION, client, plan, scopes, null, uscc);
        }
        return new Caller(Caller.Kind.PARTNER, client, plan, scopes, null, null);
    }

    /** The 统一社会信用代码 an organisation token names; 403 for any other caller or a token without a valid code. */
    public static String organisation(SecurityIdentity identity) {
        Caller caller = of(identity, "");
        if (caller.kind() != Caller.Kind.ORGANISATION || caller.organisation() == null
                || cn.xinyong.openapi.platform.id.Uscc.problem(caller.organisation()).isPresent()) {
            throw new ApiProblem(ProblemType.FORBIDDEN, "The token does not name an organisation (org_uscc)");
        }
        return caller.organisation();
    }

    /** 403 unless the caller's token carries the scope. */
    public static void requireScope(Caller caller, String scope) {
        if (!caller.hasScope(scope)) {
            throw new ApiProblem(ProblemType.FORBIDDEN, "This operation needs the scope '" + scope + "'");
        }
    }
}
