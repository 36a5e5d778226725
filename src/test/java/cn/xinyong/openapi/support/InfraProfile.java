package cn.xinyong.openapi.support;

import io.quarkus.test.common.QuarkusTestResource;

/**
 * Holds the one global test resource: every {@code @QuarkusTest} in the suite runs against the real
 * servers that {@link LocalInfraResource} starts.
 */
@QuarkusTestResource(value = LocalInfraResource.class, restrictToAnnotatedClass = false)
public final class InfraProfile {
    private InfraProfile() {
    }
}
