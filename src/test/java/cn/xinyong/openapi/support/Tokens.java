package cn.xinyong.openapi.support;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import io.smallrye.jwt.util.KeyUtils;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Set;

/** Mints test tokens with the key that lives only under src/test/resources. */
public final class Tokens {

    public static final String ISSUER = "https://auth.test";
    public static final String AUDIENCE = "xinyong-open-api";

    private Tokens() {
    }

    private static PrivateKey key(String name) {
        try {
            return KeyUtils.readPrivateKey("/keys/" + name);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JwtClaimsBuilder base(String subject) {
        return Jwt.issuer(ISSUER).audience(AUDIENCE).subject(subject).issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(600));
    }

    /** A partner token: client id, plan and space-separated scopes. */
    public static String partner(String clientId, String plan, String scopes) {
        return base(clientId).groups(Set.of("partner")).claim("client_id", clientId).claim("plan", plan)
                .claim("scope", scopes).sign(key("test-private.pem"));
    }

    /** A subject (resident) token naming the person. */
    public static String subject(String appUser, String residentId) {
        return subject(appUser, residentId, "unlimited");
    }

    /** An organisation's own token, naming its 统一社会信用代码 (claim org_uscc). */
    public static String organisation(String uscc) {
        return base("org-user-" + uscc).groups(Set.of("organisation")).claim("client_id", "org-portal")
                .claim("org_uscc", uscc).claim("plan", "unlimited").sign(key("test-private.pem"));
    }

    /** A subject token on a given plan. */
    public static String subject(String appUser, String residentId, String plan) {
        return base(appUser).groups(Set.of("subject")).claim("resident_id", residentId).claim("plan", plan)
                .sign(key("test-private.pem"));
    }

    public static String expired(String clientId) {
        return Jwt.issuer(ISSUER).audience(AUDIENCE).subject(clientId).groups(Set.of("partner"))
                .issuedAt(Instant.now().minusSeconds(3600)).expiresAt(Instant.now().minusSeconds(1800))
                .claim("scope", "screening").sign(key("test-private.pem"));
    }

    public static String wrongIssuer(String clientId) {
        return Jwt.issuer("https://evil.example").audience(AUDIENCE).subject(clientId).groups(Set.of("partner"))
                .expiresAt(Instant.now().plusSeconds(600)).claim("scope", "screening").sign(key("test-private.pem"));
    }

    public static String wrongKey(String clientId) {
        return base(clientId).groups(Set.of("partner")).claim("scope", "screening").sign(key("other-private.pem"));
    }

    public static String wrongAudience(String clientId) {
        return Jwt.issuer(ISSUER).audience("someone-else").subject(clientId).groups(Set.of("partner"))
                .expiresAt(Instant.now().plusSeconds(600)).claim("scope", "screening").sign(key("test-private.pem"));
    }

    public static String bearer(String token) {
        return "Bearer " + token;
    }
}
