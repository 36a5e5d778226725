package cn.xinyong.openapi.support;

import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;

/**
 * Puts the {@link ContractValidator} in front of every REST Assured call of every {@code @QuarkusTest}
 * (registered in {@code META-INF/services}), so no test can forget it.
 */
public class ContractValidation implements QuarkusTestBeforeEachCallback {

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        if (!RestAssured.filters().contains(ContractValidator.INSTANCE)) {
            RestAssured.filters(ContractValidator.INSTANCE);
        }
    }
}
