package cn.xinyong.openapi.platform.paging;

import cn.xinyong.openapi.platform.problem.ApiProblem;
import cn.xinyong.openapi.platform.problem.ProblemType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.config.ConfigMapping;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Opaque, signed pagination cursors. A cursor holds the sort position to continue after and a
 * fingerprint of the query it belongs to; it is signed with a key every instance shares, so a
 * forged, altered or foreign cursor is refused with 400 instead of silently paging something else.
 */
@ApplicationScoped
public class CursorCodec {

    @ConfigMapping(prefix = "xinyong.paging")
    public interface PagingConfig {
        /** Key signing cursors; the same on every instance. Required in production (no default). */
        String cursorSecret();
    }

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final int SIGNATURE_BYTES = 12;
    private final byte[] key;
    private final ObjectMapper mapper;

    public CursorCodec(PagingConfig config, ObjectMapper mapper) {
        this.key = config.cursorSecret().getBytes(StandardCharsets.UTF_8);
        this.mapper = mapper;
    }

    /** A fingerprint of everything that defines a result set (query text, filters, sort). */
    public static String fingerprint(String... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String p : parts) {
                sha.update(String.valueOf(p).getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return ENCODER.encodeToString(Arrays.copyOf(sha.digest(), 9));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String encode(String fingerprint, ArrayNode position) {
        ObjectNode payload = mapper.createObjectNode().put("f", fingerprint);
        payload.set("p", position);
        String body = ENCODER.encodeToString(payload.toString().getBytes(StandardCharsets.UTF_8));
        return body + "." + ENCODER.encodeToString(sign(body));
    }

    /** The position inside a cursor issued for this fingerprint; 400 for anything else. */
    public ArrayNode decode(String cursor, String fingerprint) {
        int dot = cursor.indexOf('.');
        if (cursor.length() > 1024 || dot <= 0) {
            throw invalid("the cursor is malformed");
        }
        String body = cursor.substring(0, dot);
        byte[] signature;
        try {
            signature = DECODER.decode(cursor.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            throw invalid("the cursor is malformed");
        }
        if (!MessageDigest.isEqual(signature, sign(body))) {
            throw invalid("the cursor was not issued by this service or was altered");
        }
        JsonNode payload;
        try {
            payload = mapper.readTree(DECODER.decode(body));
        } catch (IOException | IllegalArgumentException e) {
            throw invalid("the cursor is malformed");
        }
        if (!fingerprint.equals(payload.path("f").asText())) {
            throw invalid("the cursor belongs to a different query: keep the query and filters unchanged while paging");
        }
        if (!payload.path("p").isArray()) {
            throw invalid("the cursor is malformed");
        }
        return (ArrayNode) payload.get("p");
    }

    private byte[] sign(String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Arrays.copyOf(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)), SIGNATURE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ApiProblem invalid(String detail) {
        return new ApiProblem(ProblemType.INVALID_CURSOR, detail,
                java.util.List.of(new cn.xinyong.openapi.platform.problem.Problem.FieldError("cursor", detail)));
    }
}
