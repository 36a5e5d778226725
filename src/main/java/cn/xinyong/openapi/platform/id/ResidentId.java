package cn.xinyong.openapi.platform.id;

/**
 * 居民身份证号码 (GB 11643): 17 digits and a check character. A personal ID is never returned, logged
 * or indexed in clear; callers hash it (see {@code SubjectHasher}) as soon as it is validated.
 */
public final class ResidentId {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};

    private ResidentId() {
    }

    public static char checkCharacter(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            char c = first17.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException("not a digit at position " + (i + 1));
            }
            sum += (c - '0') * WEIGHTS[i];
        }
        int check = (12 - sum % 11) % 11;
        return check == 10 ? 'X' : (char) ('0' + check);
    }

    public static boolean isValid(String candidate) {
        if (candidate == null || candidate.length() != 18) {
            return false;
        }
        try {
            return checkCharacter(candidate.substring(0, 17)) == Character.toUpperCase(candidate.charAt(17));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
