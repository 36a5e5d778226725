package cn.xinyong.openapi.screening;

import cn.xinyong.openapi.platform.text.SimplifiedFolding;
import java.text.Normalizer;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Compares Chinese organisation names the way a person checking a list would: full- and half-width
 * forms, traditional and simplified characters (繁简), brackets, spaces, 有限责任公司 / 有限公司 variants and
 * leading region names do not matter.
 */
public final class NameMatcher {

    private static final Pattern BRACKETS = Pattern.compile("[()\\[\\]{}（）【】〔〕《》<>「」『』]");
    private static final Pattern SPACES = Pattern.compile("[\\s\\u3000·•.,，、]+");
    private static final Pattern REGION_PREFIX = Pattern.compile(
            "^(?:[\\u4e00-\\u9fff]{2,7}?(?:省|自治区|特别行政区))?(?:[\\u4e00-\\u9fff]{1,4}?(?:市|自治州|地区|盟))?"
                    + "(?:[\\u4e00-\\u9fff]{1,4}?(?:区|县|旗))?");
    private static final String[][] FORMS = {
        {"股份有限公司", "股份有限公司"}, {"有限责任公司", "有限公司"}, {"有限公司", "有限公司"},
        {"专业合作社", "专业合作社"}, {"合作社", "专业合作社"}, {"集团公司", "集团公司"}};

    private NameMatcher() {
    }

    /** Width, script (traditional to simplified), brackets, spaces and the company-form variant made uniform; region kept. */
    public static String normalise(String name) {
        String n = SimplifiedFolding.fold(Normalizer.normalize(name, Normalizer.Form.NFKC));
        n = BRACKETS.matcher(n).replaceAll("");
        n = SPACES.matcher(n).replaceAll("");
        n = n.toUpperCase(java.util.Locale.ROOT);
        return n.replace("有限责任公司", "有限公司");
    }

    /** The distinctive part: the normalised name without leading region names and the company form. */
    public static String core(String name) {
        return strip(normalise(name));
    }

    /**
     * The distinctive part as search text: like {@link #core} but brackets become spaces, because the
     * index's bigrams do not cross them either.
     */
    public static String searchCore(String name) {
        String n = SimplifiedFolding.fold(Normalizer.normalize(name, Normalizer.Form.NFKC));
        n = BRACKETS.matcher(n).replaceAll(" ").toUpperCase(java.util.Locale.ROOT).replace("有限责任公司", "有限公司");
        return strip(n.strip()).strip();
    }

    private static String strip(String normalised) {
        String n = normalised;
        for (String[] form : FORMS) {
            if (n.endsWith(form[1]) || n.endsWith(form[0])) {
                n = n.substring(0, n.length() - (n.endsWith(form[0]) ? form[0].length() : form[1].length()));
                break;
            }
        }
        String stripped = REGION_PREFIX.matcher(n).replaceFirst("");
        return stripped.length() >= 2 ? stripped : n;
    }

    /**
     * A score in [0, 1]: 1 when the normalised names are equal, else the bigram overlap (Dice) of the
     * cores, slightly lowered, so that only an exact normalised match scores 1.
     */
    public static double score(String query, String candidate) {
        String a = normalise(query);
        String b = normalise(candidate);
        if (a.equals(b)) {
            return 1.0;
        }
        String ca = core(query);
        String cb = core(candidate);
        if (ca.equals(cb)) {
            return 0.95;
        }
        return Math.round(0.9 * dice(ca, cb) * 1000) / 1000.0;
    }

    private static double dice(String a, String b) {
        if (a.length() < 2 || b.length() < 2) {
            return a.equals(b) ? 1 : 0;
        }
        Map<String, Integer> grams = new HashMap<>();
        for (int i = 0; i + 1 < a.length(); i++) {
            grams.merge(a.substring(i, i + 2), 1, Integer::sum);
        }
        int shared = 0;
        for (int i = 0; i + 1 < b.length(); i++) {
            Integer left = grams.get(b.substring(i, i + 2));
            if (left != null && left > 0) {
                shared++;
                grams.put(b.substring(i, i + 2), left - 1);
            }
        }
        return 2.0 * shared / ((a.length() - 1) + (b.length() - 1));
    }
}
