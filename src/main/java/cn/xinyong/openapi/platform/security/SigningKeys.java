package cn.xinyong.openapi.platform.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.lang.JoseException;

/**
 * Reads decision signing keys (EC P-256) from configuration: PEM (PKCS#8 {@code PRIVATE KEY} as {@code openssl
 * genpkey} writes it, SEC1 {@code EC PRIVATE KEY} as {@code openssl ecparam -genkey} writes it, or, for previous
 * keys only, {@code PUBLIC KEY}), a JWK or a JWKS; given inline or as the path of a file holding one. Several PEM
 * blocks or a JWKS give several keys.
 */
final class SigningKeys {

    /** The configuration value that asks for a key made at start (development and tests, one instance only). */
    static final String GENERATE = "generate";

    private static final Pattern PEM = Pattern.compile("-----BEGIN ([A-Z ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);
    private static final ECParameterSpec P256 = p256();

    /** A key read from configuration: the public half always, the private half when given. */
    record Key(ECPublicKey publicKey, ECPrivateKey privateKey) {
    }

    private SigningKeys() {
    }

    /** A new P-256 key pair. */
    static Key generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            return new Key((ECPublicKey) pair.getPublic(), (ECPrivateKey) pair.getPrivate());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make a P-256 key", e);
        }
    }

    /** Every key the value holds (inline, or in the file it names); at least one. */
    static List<Key> read(String value, String setting) {
        String text = value.strip();
        if (!text.startsWith("{") && !text.startsWith("-----")) {
            try {
                text = Files.readString(Path.of(text)).strip();
            } catch (IOException e) {
                throw new UncheckedIOException(setting + ": neither a PEM or JWK key nor a readable file (" + e.getMessage()
                        + ")", e);
            }
        }
        try {
            List<Key> keys = text.startsWith("{") ? fromJson(text) : fromPem(text);
            if (keys.isEmpty()) {
                throw new GeneralSecurityException("no key found");
            }
            return keys;
        } catch (GeneralSecurityException | JoseException | IllegalArgumentException e) {
            throw new IllegalStateException(setting + ": not an EC P-256 key: " + e.getMessage(), e);
        }
    }

    private static List<Key> fromJson(String json) throws JoseException, GeneralSecurityException {
        List<JsonWebKey> jwks = json.contains("\"keys\"") ? new JsonWebKeySet(json).getJsonWebKeys()
                : List.of(JsonWebKey.Factory.newJwk(json));
        List<Key> keys = new ArrayList<>();
        for (JsonWebKey jwk : jwks) {
            if (!(jwk instanceof EllipticCurveJsonWebKey ec)) {
                throw new GeneralSecurityException("a JWK of type " + jwk.getKeyType() + ", not EC");
            }
            Key key = checked(new Key(ec.getECPublicKey(), ec.getEcPrivateKey()));
            if (key.privateKey() != null && !withPublic(key.privateKey()).publicKey().getW().equals(key.publicKey().getW())) {
                // signatures made with d would not verify against the published x, y
                throw new GeneralSecurityException("the JWK's private part (d) does not belong to its public point "
                        + "(x, y): decisions signed with it would not verify against the published key");
            }
            keys.add(key);
        }
        return keys;
    }

    private static List<Key> fromPem(String text) throws GeneralSecurityException {
        KeyFactory factory = KeyFactory.getInstance("EC");
        List<Key> keys = new ArrayList<>();
        Matcher m = PEM.matcher(text);
        while (m.find()) {
            byte[] der = Base64.getMimeDecoder().decode(m.group(2).strip());
            switch (m.group(1)) {
                case "PRIVATE KEY" -> keys.add(checked(withPublic(
                        (ECPrivateKey) factory.generatePrivate(new PKCS8EncodedKeySpec(der)))));
                case "EC PRIVATE KEY" -> {
                    BigInteger d = org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(der).getKey();
                    keys.add(checked(withPublic((ECPrivateKey) factory.generatePrivate(new ECPrivateKeySpec(d, P256)))));
                }
                case "PUBLIC KEY" -> keys.add(checked(new Key(
                        (ECPublicKey) factory.generatePublic(new X509EncodedKeySpec(der)), null)));
                case "EC PARAMETERS" -> {
                    // written by openssl ecparam -genkey before the key; the key's own parameters decide
                }
                default -> throw new GeneralSecurityException("a PEM " + m.group(1) + " block is not a key this reads");
            }
        }
        return keys;
    }

    /** The key with its public half, computed from the private scalar (Q = d·G on P-256). */
    private static Key withPublic(ECPrivateKey privateKey) throws GeneralSecurityException {
        checked(new Key(null, privateKey));
        org.bouncycastle.asn1.x9.X9ECParameters curve = org.bouncycastle.crypto.ec.CustomNamedCurves.getByName("secp256r1");
        org.bouncycastle.math.ec.ECPoint q = new org.bouncycastle.math.ec.FixedPointCombMultiplier()
                .multiply(curve.getG(), privateKey.getS()).normalize();
        ECPublicKey publicKey = (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(
                new ECPoint(q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger()), P256));
        return new Key(publicKey, privateKey);
    }

    private static Key checked(Key key) throws GeneralSecurityException {
        for (ECKey k : new ECKey[] {key.publicKey(), key.privateKey()}) {
            if (k != null && !(k.getParams().getOrder().equals(P256.getOrder())
                    && k.getParams().getCurve().equals(P256.getCurve()))) {
                throw new GeneralSecurityException("the key is not on the P-256 curve (ES256)");
            }
        }
        return key;
    }

    private static ECParameterSpec p256() {
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec("secp256r1"));
            return parameters.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
