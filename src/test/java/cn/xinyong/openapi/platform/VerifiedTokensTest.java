package cn.xinyong.openapi.platform;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import cn.xinyong.openapi.platform.security.VerifiedTokens;
import cn.xinyong.openapi.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.auth.principal.JWTParser;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

@QuarkusTest
class VerifiedTokensTest {

    @Inject
    JWTParser parser;

    @Test
    void theSecurityLayerRemembersVerifiedTokensButNeverAnAlteredOne() {
        assertInstanceOf(VerifiedTokens.class, parser, "the remembering parser is the one in force");
        String token = Tokens.partner("bank-tokens", "unlimited", "measures:check");
        given().header("Authorization", Tokens.bearer(token)).get("/v1/measures/feedback/statistics?by=matter")
                .then().statusCode(200);
        given().header("Authorization", Tokens.bearer(token)).get("/v1/measures/feedback/statistics?by=matter")
                .then().statusCode(200);
        String[] parts = token.split("\\.");
        String payload = new String(java.util.Base64.getUrlDecoder().decode(parts[1]), java.nio.charset.StandardCharsets.UTF_8)
                .replace("measures:check", "measures:check screening");
        String altered = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "." + parts[2];
        given().header("Authorization", Tokens.bearer(altered)).get("/v1/measures/feedback/statistics?by=matter")
                .then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", Tokens.bearer(Tokens.expired("bank-tokens"))).get("/v1/measures/feedback/statistics?by=matter")
                .then().statusCode(401);
    }

    @Test
    void customAndStandardClaimsReadAsTheLibraryReadsThem() throws Exception {
        String token = Tokens.partner("bank-claims", "unlimited", "measures:check screening");
        org.eclipse.microprofile.jwt.JsonWebToken jwt = parser.parse(token);
        org.junit.jupiter.api.Assertions.assertEquals("measures:check screening", jwt.getClaim("scope").toString());
        org.junit.jupiter.api.Assertions.assertEquals("unlimited", jwt.getClaim("plan").toString());
        org.junit.jupiter.api.Assertions.assertTrue(jwt.containsClaim("client_id"));
        org.junit.jupiter.api.Assertions.assertFalse(jwt.containsClaim("resident_id"));
        org.junit.jupiter.api.Assertions.assertEquals(java.util.Set.of("partner"), jwt.getGroups());
        org.junit.jupiter.api.Assertions.assertTrue(jwt.getExpirationTime() > 0);
        org.junit.jupiter.api.Assertions.assertEquals(jwt.getExpirationTime(),
                ((Number) jwt.getClaim(org.eclipse.microprofile.jwt.Claims.exp.name())).longValue());
    }
}
