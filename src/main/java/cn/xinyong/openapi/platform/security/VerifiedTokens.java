package cn.xinyong.openapi.platform.security;

import cn.xinyong.openapi.platform.TimeSource;
import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.DefaultJWTTokenParser;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import javax.crypto.SecretKey;
import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtContext;

/**
 * The bearer-token parser the security layer uses, remembering tokens it has verified. A partner sends
 * the same token with every request for its lifetime; verifying its signature again each time cost about
 * as much as the rest of a lookup. A token is remembered by its exact text only after full verification,
 * and only until its own expiry on the service's clock: a forged, altered, expired or unknown token always
 * goes through the full verification.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class VerifiedTokens implements JWTParser {

    static final int MAX_ENTRIES = 50_000;

    private record Verified(JsonWebToken token, long expiresAt) {
    }

    private final DefaultJWTParser parser;
    private final TimeSource time;
    private final ConcurrentHashMap<String, Verified> verified = new ConcurrentHashMap<>();

    VerifiedTokens(JWTAuthContextInfo context, TimeSource time) {
        this.parser = new DefaultJWTParser(context, new PrincipalFactory());
        this.time = time;
    }

    /**
     * Makes the same principal smallrye-jwt makes, except that reading a claim the MicroProfile {@link Claims} enum
     * does not name ({@code scope}, {@code client_id}, {@code plan}, {@code resident_id}) no longer throws and
     * catches an {@link IllegalArgumentException} inside the library: that cost six exceptions with their stack
     * traces per authenticated request, more than the rest of the authentication.
     */
    static final class PrincipalFactory extends JWTCallerPrincipalFactory {
        private final DefaultJWTTokenParser tokens = new DefaultJWTTokenParser();

        @Override
        public JWTCallerPrincipal parse(String token, JWTAuthContextInfo context) throws ParseException {
            JwtContext parsed = tokens.parse(token, context);
            String type = parsed.getJoseObjects().get(0).getHeader("typ");
            return new VerifiedPrincipal(type, parsed.getJwtClaims());
        }
    }

    /** A verified token's principal whose custom claims are looked up without an exception. */
    static final class VerifiedPrincipal extends DefaultJWTCallerPrincipal {
        private static final Map<String, Claims> STANDARD = Arrays.stream(Claims.values())
                .collect(Collectors.toUnmodifiableMap(Claims::name, c -> c));

        VerifiedPrincipal(String type, JwtClaims claims) {
            super(type, claims);
        }

        @Override
        protected Claims getClaimType(String name) {
            return STANDARD.getOrDefault(name, Claims.UNKNOWN);
        }
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        long now = time.now().getEpochSecond();
        Verified known = verified.get(token);
        if (known != null && now < known.expiresAt()) {
            return known.token();
        }
        JsonWebToken fresh = parser.parse(token);
        if (fresh.getExpirationTime() > now) {
            if (verified.size() >= MAX_ENTRIES) {
                verified.clear();
            }
            verified.put(token, new Verified(fresh, fresh.getExpirationTime()));
        }
        return fresh;
    }

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return parser.parse(token, context);
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return parser.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return parser.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return parser.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        return parser.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return parser.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return parser.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return parser.parseOnly(token);
    }
}
