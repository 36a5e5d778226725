package cn.xinyong.openapi.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.xinyong.openapi.platform.id.OrganizationCode;
import cn.xinyong.openapi.platform.id.ResidentId;
import cn.xinyong.openapi.platform.id.Uscc;
import org.junit.jupiter.api.Test;

class IdentifiersTest {

    @Test
    void acceptsPublishedValidCodes() {
        // Published examples of valid codes (a company's and the GB 32100 sample form).
        assertTrue(Uscc.isValid("91350100M000100Y43"), Uscc.problem("91350100M000100Y43").orElse(""));
        assertTrue(Uscc.isValid("911100001000079554"), Uscc.problem("911100001000079554").orElse(""));
    }

    @Test
    void rejectsCodeWithWrongCheckDigit() {
        assertTrue(Uscc.problem("91350100M000100Y44").orElseThrow().contains("check character is '4'"));
    }

    @Test
    void rejectsLettersOutsideTheAlphabet() {
        assertTrue(Uscc.problem("91350100M0001O0Y43").orElseThrow().contains("character 14 ('O')"));
        assertTrue(Uscc.problem("91350100m000100Y43").orElseThrow().contains("not allowed"));
    }

    @Test
    void rejectsWrongLength() {
        assertTrue(Uscc.problem("9135").orElseThrow().contains("has 4"));
        assertTrue(Uscc.problem("").isPresent());
        assertTrue(Uscc.problem(null).isPresent());
    }

    @Test
    void checkCharacterThirtyOneMeansZero() {
        // Search a body whose weighted sum is a multiple of 31: its check character must be '0'.
        for (int i = 0; i < 100_000; i++) {
            String first17 = String.format("9111000010%07d", i);
            int sum = 0;
            int[] w = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
            for (int k = 0; k < 17; k++) {
                sum += Uscc.ALPHABET.indexOf(first17.charAt(k)) * w[k];
            }
            if (sum % 31 == 0) {
                assertEquals('0', Uscc.checkCharacter(first17));
                return;
            }
        }
        throw new AssertionError("no such body found");
    }

    @Test
    void normalisesTypedCodes() {
        assertEquals("91350100M000100Y43", Uscc.normalise(" 91350100m000100y43 "));
    }

    @Test
    void organisationCodeCheck() {
        // Positions 9-17 of a valid USCC are a valid 组织机构代码.
        assertTrue(OrganizationCode.isValid("M000100Y4"));
        assertTrue(OrganizationCode.isValid("100007955"));
        assertFalse(OrganizationCode.isValid("100007956"));
        assertEquals('X', OrganizationCode.checkCharacter("D2143569"));
    }

    @Test
    void residentIdCheck() {
        assertTrue(ResidentId.isValid("11010519491231002X"));
        assertTrue(ResidentId.isValid("11010519491231002x"));
        assertFalse(ResidentId.isValid("110105194912310021"));
        assertFalse(ResidentId.isValid("1101051949123100"));
    }
}
