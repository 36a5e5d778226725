package cn.xinyong.openapi.platform.id;

import java.util.Optional;

/**
 * 统一社会信用代码 (Unified Social Credit Code, GB 32100-2015): 18 characters, the last a check
 * character over the first 17, with the 组织机构代码 (GB 11714) embedded at positions 9-17.
 */
public final class Uscc {

    /** The 31 symbols of the code; a symbol's value is its index. No I, O, Z, S or V. */
    public static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
    public static final int LENGTH = 18;

    private Uscc() {
    }

    /** Why a candidate is not a valid code, or empty when it is. */
    public static Optional<String> problem(String candidate) {
        if (candidate == null || candidate.isEmpty()) {
            return Optional.of("统一社会信用代码 is empty");
        }
        if (candidate.length() != LENGTH) {
            return Optional.of("统一社会信用代码 must have 18 characters, this one has " + candidate.length());
        }
        for (int i = 0; i < LENGTH; i++) {
            char c = candidate.charAt(i);
            if (ALPHABET.indexOf(c) < 0) {
                return Optional.of("character " + (i + 1) + " ('" + c + "') is not allowed: only digits and "
                        + "upper-case letters other than I, O, Z, S, V");
            }
        }
        char expected = checkCharacter(candidate.substring(0, 17));
        if (candidate.charAt(17) != expected) {
            return Optional.of("check character is '" + candidate.charAt(17) + "' but the first 17 characters give '"
                    + expected + "'");
        }
        return Optional.empty();
    }

    public static boolean isValid(String candidate) {
        return problem(candidate).isEmpty();
    }

    /** The check character for the first 17 characters of a code. */
    public static char checkCharacter(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            int value = ALPHABET.indexOf(first17.charAt(i));
            if (value < 0) {
                throw new IllegalArgumentException("not a code character: " + first17.charAt(i));
            }
            sum += value * WEIGHTS[i];
        }
        int check = 31 - sum % 31;
        return ALPHABET.charAt(check == 31 ? 0 : check);
    }

    /** Upper-cases and strips spaces, the usual way people type a code; does not validate. */
    public static String normalise(String raw) {
        return raw == null ? null : raw.strip().replace(" ", "").toUpperCase(java.util.Locale.ROOT);
    }
}
