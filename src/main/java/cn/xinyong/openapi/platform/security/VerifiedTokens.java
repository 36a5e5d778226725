package cn.xinyong.openapi.platform.security;

import cn.xinyong.openapi.platform.TimeSource;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.SecretKey;
import org.eclipse.microprofile.jwt.JsonWebToken;

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
        this.parser = new DefaultJWTParser(context);
        this.time = time;
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
