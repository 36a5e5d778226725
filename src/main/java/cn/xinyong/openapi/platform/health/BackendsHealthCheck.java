package cn.xinyong.openapi.platform.health;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.health.api.HealthGroup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness tells "this instance cannot serve" from "a shared backend is degraded". A backend that every instance
 * shares going down must not take every pod out of the Service at once (the callers would then get the ingress's
 * bare 502 instead of this service's 503 with Retry-After, and the instances that could still answer from the other
 * store would be idle), so in readiness the backends are reported, never failed. The health group {@code backends}
 * ({@code /q/health/group/backends}) fails when one is down: for alerts, not for routing.
 */
public final class BackendsHealthCheck {

    private BackendsHealthCheck() {
    }

    static Uni<HealthCheckResponse> report(BackendProbe probe, boolean failWhenDegraded) {
        return probe.probe().map(statuses -> {
            HealthCheckResponseBuilder b = HealthCheckResponse.named("backends");
            boolean all = true;
            for (var e : statuses.entrySet()) {
                b.withData(e.getKey(), e.getValue().detail());
                all &= e.getValue().healthy();
            }
            b.withData("degraded", !all);
            return b.status(all || !failWhenDegraded).build();
        });
    }

    /** In readiness: always up, with each backend's state. */
    @Readiness
    @ApplicationScoped
    public static class Reported implements AsyncHealthCheck {
        private final BackendProbe probe;

        Reported(BackendProbe probe) {
            this.probe = probe;
        }

        @Override
        public Uni<HealthCheckResponse> call() {
            return report(probe, false);
        }
    }

    /** In the {@code backends} group: down while any backend is. */
    @HealthGroup("backends")
    @ApplicationScoped
    public static class Alerting implements AsyncHealthCheck {
        private final BackendProbe probe;

        Alerting(BackendProbe probe) {
            this.probe = probe;
        }

        @Override
        public Uni<HealthCheckResponse> call() {
            return report(probe, true);
        }
    }
}
