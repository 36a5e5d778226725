package cn.xinyong.openapi.readmodel;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once this instance has found (or made) every dataset's index: without them it cannot answer anything from
 * OpenSearch. The cluster's own state is not this instance's readiness (see the {@code backends} check): OpenSearch
 * without a cluster manager still answers reads from its replicas, and its cluster health would hang.
 */
@Readiness
@ApplicationScoped
public class SearchHealthCheck implements AsyncHealthCheck {

    private final IndexManager indices;

    SearchHealthCheck(IndexManager indices) {
        this.indices = indices;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return Uni.createFrom().item(HealthCheckResponse.named("opensearch").status(indices.ready())
                .withData("indices", indices.ready() ? "ready" : "missing").build());
    }
}
