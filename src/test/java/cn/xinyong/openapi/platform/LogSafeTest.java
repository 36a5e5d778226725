package cn.xinyong.openapi.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.xinyong.openapi.platform.problem.LogSafe;
import org.junit.jupiter.api.Test;

class LogSafeTest {

    @Test
    void masksResidentIdsTypedIntoPathsButKeepsOrganisationCodes() {
        assertEquals("/v1/entities/******************", LogSafe.path("/v1/entities/11010519491231002X"));
        assertEquals("/v1/entities/91350100M000100Y43", LogSafe.path("/v1/entities/91350100M000100Y43"));
        assertEquals("/v1/entities/110105194912310021", LogSafe.path("/v1/entities/110105194912310021"));
    }
}
