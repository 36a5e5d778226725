package cn.xinyong.openapi.platform.security;

import java.util.Set;

/**
 * Who is calling: an anonymous open-data user (by network address), a partner (bank, scenic spot,
 * transit operator, department, app backend: JWT with client id, plan and scopes), a subject (a
 * resident through the app, JWT naming the person) or an organisation acting for itself (a company's
 * own account, JWT naming its 统一社会信用代码), for its subject's rights (异议, 信用修复, 信用报告).
 */
public record Caller(Kind kind, String clientId, String plan, Set<String> scopes, String residentId,
        String organisation) {

    public enum Kind { ANONYMOUS, PARTNER, SUBJECT, ORGANISATION }

    public static final String PARTNER_ROLE = "partner";
    public static final String SUBJECT_ROLE = "subject";
    public static final String ORGANISATION_ROLE = "organisation";

    public boolean hasScope(String scope) {
        return scopes.contains(scope);
    }

    /** Never print the resident's ID. */
    @Override
    public String toString() {
        return "Caller[" + kind + ", " + clientId + ", plan " + plan
                + (organisation == null ? "" : ", for " + organisation) + "]";
    }
}
