package cn.xinyong.openapi.platform.web;

import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/**
 * Adds the answers every public operation can give to the OpenAPI document: 429 from the rate
 * limiter (with its headers), 500 and 503, all as problem+json; and 401 where a token is required.
 */
public class CommonResponsesFilter implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI api) {
        if (api.getPaths() == null) {
            return;
        }
        for (Map.Entry<String, PathItem> path : api.getPaths().getPathItems().entrySet()) {
            if (!path.getKey().startsWith("/v1/")) {
                continue;
            }
            for (Operation op : path.getValue().getOperations().values()) {
                add(op, "429", "Over the rate limit: see Retry-After, RateLimit and RateLimit-Policy");
                add(op, "500", "Unexpected failure (no details are disclosed)");
                add(op, "503", "A backing store is unavailable; retry later");
                if (op.getSecurity() != null && !op.getSecurity().isEmpty()) {
                    add(op, "401", "Missing, expired or invalid bearer token");
                    add(op, "403", "The token lacks the scope, role or consent this needs");
                }
            }
        }
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
