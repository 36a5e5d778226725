package cn.xinyong.openapi.readmodel;

import cn.xinyong.openapi.platform.search.SearchGateway;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready when OpenSearch answers and every dataset alias exists. */
@Readiness
@ApplicationScoped
public class SearchHealthCheck implements AsyncHealthCheck {

    private final SearchGateway gateway;
    private final IndexManager indices;

    SearchHealthCheck(SearchGateway gateway, IndexManager indices) {
        this.gateway = gateway;
        this.indices = indices;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return gateway.send("GET", "/_cluster/health", null)
                .map(h -> HealthCheckResponse.named("opensearch")
                        .status(indices.ready() && !"red".equals(h.path("status").asText()))
                        .withData("cluster", h.path("status").asText())
                        .withData("indices", indices.ready() ? "ready" : "missing")
                        .build())
                .ifNoItem().after(Duration.ofSeconds(3)).fail()
                .onFailure().recoverWithItem(e -> HealthCheckResponse.named("opensearch").down()
                        .withData("error", String.valueOf(e.getMessage())).build());
    }
}
