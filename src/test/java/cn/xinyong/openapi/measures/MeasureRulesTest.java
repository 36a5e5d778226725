package cn.xinyong.openapi.measures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The decision and the catalogue's strictness, without servers. */
class MeasureRulesTest {

    private static final MeasureCatalogue CATALOGUE = load();

    private static MeasureCatalogue load() {
        try (InputStream in = MeasureRulesTest.class.getClassLoader().getResourceAsStream("measures/measures.json")) {
            return new MeasureParser(new ObjectMapper()).parse(in.readAllBytes());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static MeasureRules.Finding finding(String code, String status) {
        return new MeasureRules.Finding(CATALOGUE.measure(code).orElseThrow(), status, List.of());
    }

    @Test
    void theStrongestEffectDecidesAndASuspendedPunishmentOnlyAsksForReview() {
        assertEquals("none", MeasureRules.decision(List.of()));
        assertEquals("prioritise", MeasureRules.decision(List.of(finding("I01", "applies"))));
        assertEquals("restrict", MeasureRules.decision(List.of(finding("I01", "applies"), finding("P01", "applies"))));
        assertEquals("block", MeasureRules.decision(List.of(finding("P01", "applies"), finding("P08", "applies"))));
        assertEquals("review", MeasureRules.decision(List.of(finding("P08", "suspended"), finding("I01", "applies"))));
    }

    @Test
    void theShippedCatalogueCoversThePlansWithABasisForEveryMeasure() {
        assertTrue(CATALOGUE.measures().size() >= 37);
        CATALOGUE.measures().forEach(m -> {
            assertTrue(!m.basis().document().isBlank() && !m.basis().article().isBlank(), m.code());
            m.matters().forEach(matter -> assertTrue(CATALOGUE.matters().containsKey(matter), m.code() + " " + matter));
        });
    }

    @Test
    void anInvalidCatalogueNamesTheMeasureAndTheField() {
        MeasureParser parser = new MeasureParser(new ObjectMapper());
        String ok = """
                {"version":"t","matters":[{"code":"bidding","name":"招标投标"}],"measures":[{"code":"X1","name":"n",
                "kind":"punishment","class":"mandatory","group":1,"effect":"block","trigger":{"type":"listed","lists":["redList"]},
                "matters":["bidding"],"targets":["subject"],"implementingAuthorities":["a"],
                "basis":{"document":"d","article":"a"},"text":"t"}]}""";
        assertEquals(1, parser.parse(ok.getBytes(StandardCharsets.UTF_8)).measures().size());
        String noBasis = ok.replace("\"basis\":{\"document\":\"d\",\"article\":\"a\"},", "");
        assertTrue(assertThrows(MeasureParser.InvalidCatalogue.class, () -> parser.parse(noBasis.getBytes(StandardCharsets.UTF_8)))
                .getMessage().contains("measure X1: basis"));
        String badList = ok.replace("\"redList\"", "\"greyList\"");
        assertTrue(assertThrows(MeasureParser.InvalidCatalogue.class, () -> parser.parse(badList.getBytes(StandardCharsets.UTF_8)))
                .getMessage().contains("greyList"));
        String incentiveBlocks = ok.replace("\"kind\":\"punishment\",\"class\":\"mandatory\",\"group\":1,",
                "\"kind\":\"incentive\",\"class\":\"recommended\",");
        assertTrue(assertThrows(MeasureParser.InvalidCatalogue.class,
                () -> parser.parse(incentiveBlocks.getBytes(StandardCharsets.UTF_8))).getMessage().contains("effect"));
        String personOnAList = ok.replace("\"redList\"", "\"judgmentDefaulter\"").replace("[\"subject\"]", "[\"subject\",\"person\"]");
        assertEquals(java.util.List.of("judgmentDefaulter"), parser.parse(personOnAList.getBytes(StandardCharsets.UTF_8))
                .measures().get(0).trigger().personKinds());
        String personOnRedList = ok.replace("[\"subject\"]", "[\"person\"]");
        assertTrue(assertThrows(MeasureParser.InvalidCatalogue.class,
                () -> parser.parse(personOnRedList.getBytes(StandardCharsets.UTF_8))).getMessage()
                .contains("measure X1: a measure that targets a person"), "a person is on no red list of entities");
    }
}
