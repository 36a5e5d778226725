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

    private static final java.util.Base64.Encoder BASE64 = java.util.Base64.getUrlEncoder().withoutPadding();
    private final String issuer;
    /** The private scalar on the P-256 domain, for BouncyCastle's signer. */
    private final org.bouncycastle.crypto.params.ECPrivateKeyParameters signingKey;
    /** The encoded JWS header every token carries. */
    private final String header;

    DecisionSigner(SigningConfig config) {
        this.issuer = config.issuer();
        try {
            KeyPair pair = config.signingKey().isPresent() ? load(config.signingKey().get()) : generate();
            this.privateKey = pair.getPrivate();
            this.publicJwk = new EllipticCurveJsonWebKey((ECPublicKey) pair.getPublic());
            publicJwk.setKeyId(publicJwk.calculateBase64urlEncodedThumbprint("SHA-256"));
            publicJwk.setUse("sig");
            publicJwk.setAlgorithm(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
            org.bouncycastle.asn1.x9.X9ECParameters p256 = org.bouncycastle.crypto.ec.CustomNamedCurves.getByName("secp256r1");
            this.signingKey = new org.bouncycastle.crypto.params.ECPrivateKeyParameters(
                    ((java.security.interfaces.ECPrivateKey) privateKey).getS(),
                    new org.bouncycastle.crypto.params.ECDomainParameters(p256.getCurve(), p256.getG(), p256.getN(), p256.getH()));
            this.header = BASE64.encodeToString(("{\"kid\":\"" + publicJwk.getKeyId() + "\",\"alg\":\"ES256\",\"typ\":\"JWT\"}")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
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

    /**
     * The claims as a compact JWS (ES256, this key's {@code kid}). Signed with BouncyCastle's ECDSA (a
     * fixed-point comb for the generator and deterministic RFC 6979 nonces): several times faster than the
     * JDK's on this runtime, and the same standard token any JOSE library verifies against the JWKS.
     */
    public String sign(JwtClaims claims) {
        String payload = BASE64.encodeToString(claims.toJson().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String signingInput = header + "." + payload;
        org.bouncycastle.crypto.digests.SHA256Digest sha = new org.bouncycastle.crypto.digests.SHA256Digest();
        byte[] input = signingInput.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        sha.update(input, 0, input.length);
        byte[] digest = new byte[32];
        sha.doFinal(digest, 0);
        org.bouncycastle.crypto.signers.ECDSASigner signer = new org.bouncycastle.crypto.signers.ECDSASigner(
                new org.bouncycastle.crypto.signers.HMacDSAKCalculator(new org.bouncycastle.crypto.digests.SHA256Digest()));
        signer.init(true, signingKey);
        java.math.BigInteger[] rs = signer.generateSignature(digest);
        byte[] signature = new byte[64];
        unsigned(rs[0], signature, 0);
        unsigned(rs[1], signature, 32);
        return signingInput + "." + BASE64.encodeToString(signature);
    }

    /** Writes a non-negative integer as 32 big-endian bytes (JWS ECDSA signatures are R || S, fixed width). */
    private static void unsigned(java.math.BigInteger n, byte[] out, int offset) {
        byte[] b = n.toByteArray();
        int len = Math.min(b.length, 32);
        System.arraycopy(b, b.length - len, out, offset + 32 - len, len);
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
