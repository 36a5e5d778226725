package cn.xinyong.openapi.platform.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Decision signing keys (签名密钥) and their rotation, without a Quarkus boot. */
class DecisionSignerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static DecisionSigner signer(String key, String previous) {
        return new DecisionSigner(new DecisionSigner.SigningConfig() {
            @Override
            public String signingKey() {
                return key;
            }

            @Override
            public Optional<String> signingPreviousKeys() {
                return Optional.ofNullable(previous);
            }

            @Override
            public String issuer() {
                return "xinyong-open-api";
            }
        });
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    /** A private key as {@code openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256} writes it. */
    private static String pkcs8(SigningKeys.Key key) {
        return pem("PRIVATE KEY", key.privateKey().getEncoded());
    }

    /** The same key as {@code openssl ecparam -name prime256v1 -genkey} writes it (SEC1, with the parameters). */
    private static String sec1(SigningKeys.Key key) throws Exception {
        byte[] der = org.bouncycastle.asn1.pkcs.PrivateKeyInfo.getInstance(key.privateKey().getEncoded()).parsePrivateKey()
                .toASN1Primitive().getEncoded();
        return "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n" + pem("EC PRIVATE KEY", der);
    }

    private static String decision(DecisionSigner signer) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(signer.issuer());
        claims.setJwtId(UUID.randomUUID().toString());
        claims.setSubject("91420100MA4KXXXX0X");
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(24 * 60);
        return signer.sign(claims);
    }

    /** A verifier as a partner builds it: from the JWKS document served at /v1/xinyi/jwks. */
    private static JwtConsumer partnerVerifier(DecisionSigner signer) throws Exception {
        JsonWebKeySet jwks = new JsonWebKeySet(JSON.writeValueAsString(signer.jwks()));
        return new JwtConsumerBuilder().setVerificationKeyResolver(new JwksVerificationKeyResolver(jwks.getJsonWebKeys()))
                .setExpectedIssuer("xinyong-open-api").setSkipDefaultAudienceValidation().build();
    }

    @SuppressWarnings("unchecked")
    private static List<String> kids(DecisionSigner signer) {
        return ((List<Map<String, Object>>) signer.jwks().get("keys")).stream().map(k -> (String) k.get("kid")).toList();
    }

    private static String kidOf(String token) throws Exception {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setCompactSerialization(token);
        return jws.getKeyIdHeaderValue();
    }

    @Test
    void aDecisionSignedUnderThePreviousKeyStillVerifiesAfterRotation() throws Exception {
        SigningKeys.Key old = SigningKeys.generate();
        SigningKeys.Key fresh = SigningKeys.generate();
        DecisionSigner before = signer(pkcs8(old), null);
        String issuedBefore = decision(before);

        DecisionSigner after = signer(pkcs8(fresh), pkcs8(old));
        String issuedAfter = decision(after);

        assertEquals(List.of(after.keyId(), before.keyId()), kids(after), "current key first, then the previous one");
        assertNotEquals(before.keyId(), after.keyId());
        assertEquals(after.keyId(), kidOf(issuedAfter), "signs with the current key only");
        JwtConsumer partner = partnerVerifier(after);
        assertEquals(before.issuer(), partner.processToClaims(issuedBefore).getIssuer());
        partner.processToClaims(issuedAfter);
        assertTrue(after.verify(issuedBefore).isPresent(), "the service accepts it too (execution feedback)");
        assertTrue(after.verify(issuedAfter).isPresent());

        DecisionSigner previousRemoved = signer(pkcs8(fresh), null);
        assertEquals(List.of(after.keyId()), kids(previousRemoved));
        assertThrows(InvalidJwtException.class, () -> partnerVerifier(previousRemoved).processToClaims(issuedBefore));
        assertTrue(previousRemoved.verify(issuedBefore).isEmpty());
    }

    @Test
    void everyInstanceNamesTheSameKeyAlikeWhateverItsFormat(@TempDir Path dir) throws Exception {
        SigningKeys.Key key = SigningKeys.generate();
        Path file = Files.writeString(dir.resolve("signing-key.pem"), sec1(key));
        DecisionSigner one = signer(pkcs8(key), null);
        DecisionSigner two = signer(file.toString(), null);
        DecisionSigner three = signer(sec1(key), null);
        assertEquals(one.keyId(), two.keyId());
        assertEquals(one.keyId(), three.keyId());
        assertEquals(one.jwks(), two.jwks());
        partnerVerifier(one).processToClaims(decision(two));

        // a private JWK (the format this setting took before) gives the same key and kid as well
        org.jose4j.jwk.EllipticCurveJsonWebKey jwk = new org.jose4j.jwk.EllipticCurveJsonWebKey(key.publicKey());
        jwk.setPrivateKey(key.privateKey());
        String privateJwk = jwk.toJson(org.jose4j.jwk.JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE);
        assertEquals(one.keyId(), signer(Files.writeString(dir.resolve("key.jwk"), privateJwk).toString(), null).keyId());
        assertEquals(one.keyId(), signer(privateJwk, null).keyId());
    }

    @Test
    void previousKeysMayBePublicKeysOrAJwksAndAreNotPublishedTwice() throws Exception {
        SigningKeys.Key current = SigningKeys.generate();
        SigningKeys.Key old = SigningKeys.generate();
        SigningKeys.Key older = SigningKeys.generate();
        String publicPems = pem("PUBLIC KEY", old.publicKey().getEncoded()) + pem("PUBLIC KEY", older.publicKey().getEncoded());
        DecisionSigner withPems = signer(pkcs8(current), publicPems + pkcs8(current));
        assertEquals(3, kids(withPems).size(), "the current key listed again is not published twice");
        String jwks = JSON.writeValueAsString(signer(pkcs8(old), pem("PUBLIC KEY", older.publicKey().getEncoded())).jwks());
        assertEquals(kids(withPems), kids(signer(pkcs8(current), jwks)));
        partnerVerifier(withPems).processToClaims(decision(signer(sec1(older), null)));
    }

    @Test
    void refusesWhatIsNotOneP256PrivateKey() throws Exception {
        SigningKeys.Key key = SigningKeys.generate();
        String publicOnly = pem("PUBLIC KEY", key.publicKey().getEncoded());
        assertTrue(assertThrows(IllegalStateException.class, () -> signer(publicOnly, null)).getMessage()
                .contains("one private key is needed"));
        assertThrows(IllegalStateException.class, () -> signer(pkcs8(key) + pkcs8(SigningKeys.generate()), null));
        assertThrows(RuntimeException.class, () -> signer("/no/such/key.pem", null));
        assertThrows(IllegalStateException.class, () -> signer("-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----", null));
        java.security.KeyPairGenerator p384 = java.security.KeyPairGenerator.getInstance("EC");
        p384.initialize(new java.security.spec.ECGenParameterSpec("secp384r1"));
        String wrongCurve = pem("PRIVATE KEY", p384.generateKeyPair().getPrivate().getEncoded());
        assertTrue(assertThrows(IllegalStateException.class, () -> signer(wrongCurve, null)).getMessage().contains("P-256"));
        assertThrows(IllegalStateException.class, () -> signer(pkcs8(key), "{\"kty\":\"oct\",\"k\":\"AAAA\"}"));
    }

    @Test
    void refusesAPrivateJwkWhosePrivatePartDoesNotMatchItsPublicPoint() throws Exception {
        SigningKeys.Key key = SigningKeys.generate();
        SigningKeys.Key other = SigningKeys.generate();
        // x and y of one key, d of another: it would sign decisions that never verify against the published key
        org.jose4j.jwk.EllipticCurveJsonWebKey mixed = new org.jose4j.jwk.EllipticCurveJsonWebKey(key.publicKey());
        mixed.setPrivateKey(other.privateKey());
        String mixedJwk = mixed.toJson(org.jose4j.jwk.JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE);
        String message = assertThrows(IllegalStateException.class, () -> signer(mixedJwk, null)).getMessage();
        assertTrue(message.contains("xinyong.xinyi.signing-key") && message.contains("does not belong to its public point"),
                message);
        String mixedSet = "{\"keys\":[" + mixedJwk + "]}";
        assertThrows(IllegalStateException.class, () -> signer(pkcs8(key), mixedSet), "a previous key is checked too");

        org.jose4j.jwk.EllipticCurveJsonWebKey matching = new org.jose4j.jwk.EllipticCurveJsonWebKey(key.publicKey());
        matching.setPrivateKey(key.privateKey());
        partnerVerifier(signer(pkcs8(key), null))
                .processToClaims(decision(signer(matching.toJson(org.jose4j.jwk.JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE), null)));
    }

    @Test
    void generateMakesAKeyOfItsOwn() {
        DecisionSigner a = signer(SigningKeys.GENERATE, null);
        DecisionSigner b = signer(SigningKeys.GENERATE, null);
        assertNotEquals(a.keyId(), b.keyId());
        assertTrue(a.verify(decision(a)).isPresent());
        assertTrue(a.verify(decision(b)).isEmpty(), "a key of another instance is not accepted");
    }
}
