package cn.xinyong.openapi.platform.security;

import cn.xinyong.openapi.platform.problem.ApiProblem;
import cn.xinyong.openapi.platform.problem.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The bearer token of the platform and operators on {@code /internal/*} (feed pushes, configuration,
 * read-model operations). Without a configured token every internal call is refused.
 */
@ApplicationScoped
public class InternalToken {

    private final Optional<String> token;

    InternalToken(@ConfigProperty(name = "xinyong.ingest.token") Optional<String> token) {
        this.token = token.filter(t -> !t.isBlank());
    }

    /**
     * Checks an {@code Authorization} header: 401 (with {@code WWW-Authenticate}) when absent, not a bearer token
     * or not the ingest token: a wrong credential is not authenticated, it is not a lack of permission.
     */
    public void authorize(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            throw new ApiProblem(ProblemType.UNAUTHORIZED, "Send the ingest token as 'Authorization: Bearer <token>'");
        }
        byte[] given = authorization.substring(7).strip().getBytes(StandardCharsets.UTF_8);
        if (token.isEmpty() || !MessageDigest.isEqual(given, token.get().getBytes(StandardCharsets.UTF_8))) {
            throw new ApiProblem(ProblemType.UNAUTHORIZED, "The ingest token is not valid");
        }
    }
}
