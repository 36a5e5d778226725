package cn.xinyong.openapi.platform.security;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Map;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

/**
 * Signs eligibility decisions as compact JWS (ES256) that a gate, a ticket machine or a bank can
 * verify offline against the published JWKS. Every instance must share the key in production.
 */
@ApplicationScoped
@io.quarkus.runtime.Startup
public class DecisionSigner {

    private final PrivateKey privateKey;
    private final EllipticCurveJsonWebKey publicJwk;

    /** The key decisions are signed with (信易+ and 联合奖惩 alike, one JWKS). */
    @io.smallrye.config.ConfigMapping(prefix = "xinyong.xinyi")
    public interface SigningConfig {
        /** Key signing decisions: a private EC P-256 JWK file; a key made at start-up when absent. */
        java.util.Optional<java.nio.file.Path> signingKey();

        /** Issuer named in decision tokens. */
        @io.smallrye.config.WithDefault("xinyong-open-api")
        String issuer();
    }

    private final String issuer;

    DecisionSigner(SigningConfig config) {
        this.issuer = config.issuer();
        try {
            KeyPair pair = config.signingKey().isPresent() ? load(config.signingKey().get()) : generate();
            this.privateKey = pair.getPrivate();
            this.publicJwk = new EllipticCurveJsonWebKey((ECPublicKey) pair.getPublic());
            publicJwk.setKeyId(publicJwk.calculateBase64urlEncodedThumbprint("SHA-256"));
            publicJwk.setUse("sig");
            publicJwk.setAlgorithm(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
            if (config.signingKey().isEmpty()) {
                Log.warn("信易+ decisions are signed with a key made at start-up; set xinyong.xinyi.signing-key "
                        + "so that every instance signs with the same key");
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up the decision signing key", e);
        }
    }

    /** The issuer every decision token names. */
    public String issuer() {
        return issuer;
    }

    /**
     * The claims of a token this service signed, or empty when the token is malformed, signed with another
     * key, altered or expired.
     */
    public java.util.Optional<JwtClaims> verify(String token) {
        try {
            org.jose4j.jwt.consumer.JwtConsumer consumer = new org.jose4j.jwt.consumer.JwtConsumerBuilder()
                    .setVerificationKey(publicJwk.getPublicKey()).setExpectedIssuer(issuer).setSkipDefaultAudienceValidation()
                    .setRequireJwtId().setJwsAlgorithmConstraints(new org.jose4j.jwa.AlgorithmConstraints(
                            org.jose4j.jwa.AlgorithmConstraints.ConstraintType.PERMIT,
                            AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256))
                    .build();
            return java.util.Optional.of(consumer.processToClaims(token));
        } catch (org.jose4j.jwt.consumer.InvalidJwtException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    public String keyId() {
        return publicJwk.getKeyId();
    }

    /** The public key set ({@code {"keys":[...]}}). */
    public Map<String, Object> jwks() {
        return Map.of("keys", java.util.List.of(publicJwk.toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY)));
    }

    public String sign(JwtClaims claims) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(privateKey);
        jws.setKeyIdHeaderValue(publicJwk.getKeyId());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
        jws.setHeader("typ", "JWT");
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("signing failed", e);
        }
    }

    private static KeyPair generate() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    /** Reads a private EC P-256 key as a JWK (JSON with kty, crv, x, y and d). */
    private static KeyPair load(java.nio.file.Path jwkFile) throws GeneralSecurityException {
        try {
            JsonWebKey jwk = JsonWebKey.Factory.newJwk(Files.readString(jwkFile));
            if (!(jwk instanceof EllipticCurveJsonWebKey ec) || ec.getEcPrivateKey() == null) {
                throw new GeneralSecurityException("the signing key must be a private EC JWK");
            }
            return new KeyPair(ec.getECPublicKey(), ec.getEcPrivateKey());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the signing key " + jwkFile, e);
        } catch (JoseException e) {
            throw new GeneralSecurityException("the signing key is not a JWK: " + e.getMessage(), e);
        }
    }
}
