package cn.xinyong.openapi.platform.web;

import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;

/**
 * What the annotations cannot say once per operation, said here once for all: the server, who may call
 * each operation (open data takes an optional partner token; the problem catalogue none), and the answers
 * every operation of a kind can give, as problem+json: 429 from the rate limiter, 500 and 503 for public
 * operations; 401 (and 403 where a token is required) from the token checks; 401, 500 and 503 for the
 * platform's internal operations; 406 where an operation can refuse nothing else.
 */
public class CommonResponsesFilter implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI api) {
        api.setServers(List.of(OASFactory.createServer().url("/")
                .description("The host that serves this document (behind a proxy, its public address)")));
        if (api.getPaths() == null) {
            return;
        }
        for (Map.Entry<String, PathItem> path : api.getPaths().getPathItems().entrySet()) {
            boolean open = path.getKey().startsWith("/v1/");
            boolean internal = path.getKey().startsWith("/internal/");
            for (Operation op : path.getValue().getOperations().values()) {
                boolean tokenRequired = op.getSecurity() != null && !op.getSecurity().isEmpty();
                if (!tokenRequired) {
                    // Open data: anonymous callers are served; a partner's token raises the quota.
                    op.setSecurity(open ? List.of(OASFactory.createSecurityRequirement(), jwt()) : List.of());
                }
                if (open) {
                    add(op, "429", "Over the rate limit: see Retry-After, RateLimit and RateLimit-Policy");
                    add(op, "500", "Unexpected failure (no details are disclosed)");
                    add(op, "503", "A backing store is unavailable; retry later (see Retry-After)");
                    add(op, "401", tokenRequired ? "Missing, expired or invalid bearer token"
                            : "The bearer token sent is expired or invalid (a token is optional here)");
                    if (tokenRequired) {
                        add(op, "403", "The token lacks the scope, role or consent this needs");
                    }
                } else if (internal) {
                    add(op, "401", "Missing or wrong ingest token");
                    add(op, "500", "Unexpected failure (no details are disclosed)");
                    add(op, "503", "A backing store is unavailable; retry later (see Retry-After)");
                }
                if (op.getResponses() != null && op.getResponses().getAPIResponses().keySet().stream()
                        .noneMatch(status -> status.startsWith("4"))) {
                    add(op, "406", "The Accept header names no media type this operation answers with");
                }
            }
        }
    }

    private static SecurityRequirement jwt() {
        return OASFactory.createSecurityRequirement().addScheme("jwt");
    }

    private static void add(Operation op, String status, String description) {
        if (op.getResponses() == null || op.getResponses().hasAPIResponse(status)) {
            return;
        }
        APIResponse response = OASFactory.createAPIResponse().description(description)
                .content(OASFactory.createContent().addMediaType("application/problem+json",
                        OASFactory.createMediaType().schema(OASFactory.createSchema().ref("Problem"))));
        op.getResponses().addAPIResponse(status, response);
    }
}
