package cn.xinyong.openapi.screening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NameMatcherTest {

    @Test
    void widthBracketsSpacesAndCompanyFormDoNotMatter() {
        assertEquals(1.0, NameMatcher.score("武汉市恒泰（集团）商贸有限责任公司", "武汉市恒泰(集团)商贸 有限公司"));
        assertEquals(1.0, NameMatcher.score("ＡＢＣ科技有限公司", "ABC科技有限公司"));
    }

    @Test
    void traditionalCharactersMatchTheirSimplifiedForms() {
        assertEquals(1.0, NameMatcher.score("武汉市華美（國際）貿易有限公司", "武汉市华美(国际)贸易有限公司"));
        assertEquals(NameMatcher.normalise("香港长荣海运有限公司"), NameMatcher.normalise("香港長榮海運有限公司"));
        assertEquals("华美 国际 贸易", NameMatcher.searchCore("武汉市華美(國際)貿易有限公司"));
    }

    @Test
    void regionPrefixesDoNotMatterMuch() {
        assertEquals(0.95, NameMatcher.score("恒泰商贸有限公司", "湖北省武汉市江汉区恒泰商贸有限公司"));
        assertEquals("恒泰商贸", NameMatcher.core("武汉市江汉区恒泰商贸有限公司"));
    }

    @Test
    void searchTextKeepsBracketsAsBreaksLikeTheIndex() {
        assertEquals("鹏程万里 集团 物流", NameMatcher.searchCore("武汉市江汉区鹏程万里（集团）物流有限责任公司"));
    }

    @Test
    void differentNamesScoreLow() {
        assertTrue(NameMatcher.score("恒泰商贸有限公司", "永安物流有限公司") < 0.2);
        double partial = NameMatcher.score("恒泰商贸有限公司", "恒泰物流有限公司");
        assertTrue(partial > 0.2 && partial < 0.6, "" + partial);
    }
}
