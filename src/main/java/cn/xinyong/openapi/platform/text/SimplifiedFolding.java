package cn.xinyong.openapi.platform.text;

import com.github.houbb.opencc4j.util.ZhConverterUtil;
import java.util.ArrayList;
import java.util.List;

/**
 * Traditional characters (繁体字) folded to simplified ones (简体字), character by character, so that
 * {@code 武汉市華美(國際)貿易有限公司} and {@code 武汉市华美(国际)贸易有限公司} compare and search alike. The table comes
 * from OpenCC (opencc4j); the same table is the search indices' character filter ({@link #mappingRules()}) and
 * the screening's name folding ({@link #fold(String)}), so the index and the matcher never disagree.
 *
 * <p>Folding is for comparing, never for showing: names are stored and answered as the platform sent them.
 */
public final class SimplifiedFolding {

    /** The range folded: CJK Extension A and the Unified Ideographs (every character a registered name uses). */
    private static final char FIRST = '\u3400';
    private static final char LAST = '\u9fff';

    private SimplifiedFolding() {
    }

    /** The table, built once on first use from OpenCC's dictionary (a fraction of a second). */
    private static final class Table {
        static final char[] SIMPLIFIED = build();

        private static char[] build() {
            char[] table = new char[LAST - FIRST + 1];
            for (char c = FIRST; c <= LAST; c++) {
                String s = ZhConverterUtil.toSimple(String.valueOf(c));
                table[c - FIRST] = s != null && s.length() == 1 && s.charAt(0) != c ? s.charAt(0) : c;
                if (c == LAST) {
                    break;
                }
            }
            return table;
        }
    }

    /** The text with every traditional character replaced by its simplified form; the same string when none. */
    public static String fold(String text) {
        if (text == null) {
            return null;
        }
        char[] table = Table.SIMPLIFIED;
        char[] out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= FIRST && c <= LAST && table[c - FIRST] != c) {
                if (out == null) {
                    out = text.toCharArray();
                }
                out[i] = table[c - FIRST];
            }
        }
        return out == null ? text : new String(out);
    }

    /** The table as OpenSearch {@code mapping} character filter rules ({@code 華 => 华}), in code point order. */
    public static List<String> mappingRules() {
        char[] table = Table.SIMPLIFIED;
        List<String> rules = new ArrayList<>(4096);
        for (int i = 0; i < table.length; i++) {
            char c = (char) (FIRST + i);
            if (table[i] != c) {
                rules.add(c + " => " + table[i]);
            }
        }
        return rules;
    }
}
