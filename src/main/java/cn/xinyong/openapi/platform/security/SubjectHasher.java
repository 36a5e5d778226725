package cn.xinyong.openapi.platform.security;

import io.smallrye.config.ConfigMapping;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns a 居民身份证号码 into the keyed hash (HMAC-SHA256) under which the person's records, consents
 * and audit entries are kept. The ID itself is never stored, indexed, logged or returned.
 */
@ApplicationScoped
public class SubjectHasher {

    @ConfigMapping(prefix = "xinyong.persons")
    public interface PersonsConfig {
        /**
         * Secret key of the hash; the same on every instance and in the ingest path. Required in
         * production (no default), so IDs are never hashed with a published key.
         */
        String hashKey();
    }

    private final SecretKeySpec key;

    SubjectHasher(PersonsConfig config) {
        this.key = new SecretKeySpec(config.hashKey().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /** {@code p-} and 40 hex characters; never equal to a USCC. */
    public String hash(String residentId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] digest = mac.doFinal(residentId.strip().toUpperCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            return "p-" + HexFormat.of().formatHex(digest, 0, 20);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
