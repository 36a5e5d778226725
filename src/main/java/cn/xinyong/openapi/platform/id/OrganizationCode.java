package cn.xinyong.openapi.platform.id;

/** 组织机构代码 (GB 11714): 8 body characters and a check character, positions 9-17 of a USCC. */
public final class OrganizationCode {

    private static final int[] WEIGHTS = {3, 7, 9, 10, 5, 8, 4, 2};

    private OrganizationCode() {
    }

    /** Digits count by value, letters A=10 … Z=35. */
    private static int value(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'Z') {
            return c - 'A' + 10;
        }
        throw new IllegalArgumentException("not an organisation code character: " + c);
    }

    public static char checkCharacter(String body8) {
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += value(body8.charAt(i)) * WEIGHTS[i];
        }
        int check = 11 - sum % 11;
        return check == 10 ? 'X' : check == 11 ? '0' : (char) ('0' + check);
    }

    public static boolean isValid(String code9) {
        if (code9 == null || code9.length() != 9) {
            return false;
        }
        try {
            return checkCharacter(code9.substring(0, 8)) == code9.charAt(8);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
