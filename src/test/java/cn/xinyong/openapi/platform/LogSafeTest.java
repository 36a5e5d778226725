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

    @Test
    void anAllDigitOrganisationCodeThatFitsTheIdCheckIsNotTakenForAnId() {
        String code = null;
        for (int i = 0; i < 100_000 && code == null; i++) {
            String first17 = "914201037" + String.format("%08d", i);
            String candidate = first17 + cn.xinyong.openapi.platform.id.Uscc.checkCharacter(first17);
            if (Character.isDigit(candidate.charAt(17)) && cn.xinyong.openapi.platform.id.ResidentId.isValid(candidate)) {
                code = candidate;
            }
        }
        org.junit.jupiter.api.Assertions.assertNotNull(code, "such codes exist");
        assertEquals("/v1/entities/" + code, LogSafe.path("/v1/entities/" + code));
        org.junit.jupiter.api.Assertions.assertFalse(LogSafe.containsPersonalId("E-" + code));
        org.junit.jupiter.api.Assertions.assertTrue(LogSafe.containsPersonalId("PR-11010519491231002X"));
        assertEquals("a\\u000d\\u000ab", LogSafe.path("a\r\nb"));
    }
}
