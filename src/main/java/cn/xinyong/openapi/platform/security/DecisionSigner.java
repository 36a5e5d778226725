package cn.xinyong.openapi.platform.security;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

/**
 * Signs eligibility decisions as compact JWS (ES256) that a gate, a ticket machine or a bank can
 * verify offline against the published JWKS. Every instance signs with the same current key (required in
 * production); the previous keys, kept while the tokens they signed are valid, are published and accepted
 * but never sign. Each key's {@code kid} is its RFC 7638 thumbprint, so every instance names a key alike.
 */
@ApplicationScoped
@io.quarkus.runtime.Startup
public class DecisionSigner {

    /** The keys decisions are signed with (信易+ and 联合奖惩 alike, one JWKS). */
    @io.smallrye.config.ConfigMapping(prefix = "xinyong.xinyi")
    public interface SigningConfig {
        /**
         * The current key signing decisions (签名密钥), the same on every instance: an EC P-256 private key as PEM
         * (PKCS#8 or SEC1, as openssl writes them) or as a JWK, inline or the path of a file holding it. Required
         * in production (no default); {@code generate} makes one at start (development and tests: one instance,
         * and every restart invalidates the decisions issued).
         */
        String signingKey();

        /**
         * Keys that signed before the current one (rotation): PEM blocks (private or public keys), a JWK or a
         * JWKS, inline or the path of a file. Published in the JWKS and accepted, never used to sign; keep each
         * at least as long as a decision is valid (24 h), then remove it.
         */
        java.util.Optional<String> signingPreviousKeys();

        /** Issuer named in decision tokens. */
        @io.smallrye.config.WithDefault("xinyong-open-api")
        String issuer();
    }

    private static final java.util.Base64.Encoder BASE64 = java.util.Base64.getUrlEncoder().withoutPadding();
    private final String issuer;
    /** The current key's public JWK (its kid names the tokens it signs). */
    private final EllipticCurveJsonWebKey publicJwk;
    /** The public JWKs published and accepted: the current key first, then the previous ones. */
    private final java.util.List<JsonWebKey> published;
    /** The private scalar on the P-256 domain, for BouncyCastle's signer. */
    private final org.bouncycastle.crypto.params.ECPrivateKeyParameters signingKey;
    /** The encoded JWS header every token carries. */
    private final String header;

    DecisionSigner(SigningConfig config) {
        this.issuer = config.issuer();
        try {
            boolean generated = SigningKeys.GENERATE.equals(config.signingKey().strip());
            java.util.List<SigningKeys.Key> current = generated ? java.util.List.of(SigningKeys.generate())
                    : SigningKeys.read(config.signingKey(), "xinyong.xinyi.signing-key");
            if (current.size() != 1 || current.get(0).privateKey() == null) {
                throw new IllegalStateException("xinyong.xinyi.signing-key: one private key is needed, not "
                        + (current.size() == 1 ? "a public key" : current.size() + " keys"));
            }
            this.publicJwk = publicJwk(current.get(0).publicKey());
            java.util.Map<String, JsonWebKey> keys = new java.util.LinkedHashMap<>();
            keys.put(publicJwk.getKeyId(), publicJwk);
            for (SigningKeys.Key previous : config.signingPreviousKeys().filter(v -> !v.isBlank())
                    .map(v -> SigningKeys.read(v, "xinyong.xinyi.signing-previous-keys")).orElse(java.util.List.of())) {
                EllipticCurveJsonWebKey jwk = publicJwk(previous.publicKey());
                keys.putIfAbsent(jwk.getKeyId(), jwk);
            }
            this.published = java.util.List.copyOf(keys.values());
            org.bouncycastle.asn1.x9.X9ECParameters p256 = org.bouncycastle.crypto.ec.CustomNamedCurves.getByName("secp256r1");
            this.signingKey = new org.bouncycastle.crypto.params.ECPrivateKeyParameters(current.get(0).privateKey().getS(),
                    new org.bouncycastle.crypto.params.ECDomainParameters(p256.getCurve(), p256.getG(), p256.getN(), p256.getH()));
            this.header = BASE64.encodeToString(("{\"kid\":\"" + publicJwk.getKeyId() + "\",\"alg\":\"ES256\",\"typ\":\"JWT\"}")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            if (generated) {
                Log.warn("decisions are signed with a key made at start-up (xinyong.xinyi.signing-key=generate): other "
                        + "instances cannot verify them and a restart invalidates them; configure one key for every instance");
            }
            Log.infof("decisions are signed with key %s; previous keys accepted and published: %s", publicJwk.getKeyId(),
                    keys.keySet().stream().skip(1).toList());
        } catch (JoseException e) {
            throw new IllegalStateException("cannot set up the decision signing keys", e);
        }
    }

    private static EllipticCurveJsonWebKey publicJwk(java.security.interfaces.ECPublicKey key) throws JoseException {
        EllipticCurveJsonWebKey jwk = new EllipticCurveJsonWebKey(key);
        jwk.setKeyId(jwk.calculateBase64urlEncodedThumbprint("SHA-256"));
        jwk.setUse("sig");
        jwk.setAlgorithm(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
        return jwk;
    }

    /** The issuer every decision token names. */
    public String issuer() {
        return issuer;
    }

    /**
     * The claims of a token this service signed with its current or a previous key, or empty when the token is
     * malformed, signed with another key, altered or expired.
     */
    public java.util.Optional<JwtClaims> verify(String token) {
        try {
            org.jose4j.jwt.consumer.JwtConsumer consumer = new org.jose4j.jwt.consumer.JwtConsumerBuilder()
                    .setVerificationKeyResolver(new org.jose4j.keys.resolvers.JwksVerificationKeyResolver(published))
                    .setExpectedIssuer(issuer).setSkipDefaultAudienceValidation()
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

    /** The public key set ({@code {"keys":[...]}}): the current key first, then the previous ones. */
    public Map<String, Object> jwks() {
        return Map.of("keys", published.stream().map(k -> k.toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY)).toList());
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
}
