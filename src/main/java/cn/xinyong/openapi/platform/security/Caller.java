package cn.xinyong.openapi.platform.security;

import java.util.Set;

/**
 * Who is calling: an anonymous open-data user (by network address), a partner (bank, scenic spot,
 * transit operator, department, app backend: JWT with client id, plan and scopes) or a subject (a
 * resident through the app, JWT naming the person).
 */
public record Caller(Kind kind, String clientId, String plan, Set<String> scopes, String residentId) {

    public enum Kind { ANONYMOUS, PARTNER, SUBJECT }

    public static final String PARTNER_ROLE = "partner";
    public static final String SUBJECT_ROLE = "subject";

    public boolean hasScope(String scope) {
        return scopes.contains(scope);
    }

    /** Never print the resident's ID. */
    @Override
    public String toString() {
        return "Caller[" + kind + ", " + clientId + ", plan " + plan + "]";
    }
}
