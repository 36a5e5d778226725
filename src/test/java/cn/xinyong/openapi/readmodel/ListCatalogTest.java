package cn.xinyong.openapi.readmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.xinyong.openapi.readmodel.record.ListCatalog;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ListCatalogTest {

    private static final Set<String> SECTOR_LISTS = Set.of("taxDishonesty", "workSafetyDishonesty", "foodDrugDishonesty",
            "statisticsDishonesty", "socialInsuranceDishonesty", "wageArrearsDishonesty", "procurementMisconduct",
            "tourismDishonesty", "ecommerceDishonesty", "customsAeo", "taxpayerGradeA", "contractAbiding");

    @Test
    void theShippedCatalogueHoldsTheCoreAndTheSectorLists() {
        assertTrue(ListCatalog.codes().containsAll(Set.of("redList", "seriousDishonesty", "keyAttention",
                "judgmentDefaulter", "abnormalOperation")));
        assertTrue(ListCatalog.codes().containsAll(SECTOR_LISTS), ListCatalog.codes().toString());
        ListCatalog.all().forEach(l -> {
            assertFalse(l.issuingAuthority().isBlank(), l.code());
            assertFalse(l.legalBasis().isBlank(), l.code());
            assertFalse(l.measures().isEmpty(), l.code());
        });
        assertEquals("red", ListCatalog.byCode("customsAeo").orElseThrow().kind());
        assertTrue(ListCatalog.adverse("taxDishonesty"));
        assertFalse(ListCatalog.adverse("taxpayerGradeA"));
        assertEquals("重大税收违法失信主体", ListCatalog.name("taxDishonesty"));
    }

    @Test
    void aCatalogueFromConfigurationMayAddAList() {
        Map<String, ListCatalog.ListDefinition> lists = ListCatalog.parse(bytes("""
                {"lists":[{"code":"pricingDishonesty","name":"价格失信名单","kind":"black","issuingAuthority":"市场监督管理部门",
                "legalBasis":"《价格违法行为行政处罚规定》","measures":["列为重点监管对象"],"restrictsHighConsumption":false}]}"""));
        assertEquals(Set.of("pricingDishonesty"), lists.keySet());
        assertTrue(lists.get("pricingDishonesty").adverse());
    }

    @Test
    void anInvalidCatalogueIsRefusedWithTheReason() {
        String good = "\"name\":\"n\",\"issuingAuthority\":\"a\",\"legalBasis\":\"b\",\"measures\":[\"m\"],"
                + "\"restrictsHighConsumption\":false";
        assertEquals("list x1: kind must be red, black or watch", assertThrows(ListCatalog.InvalidLists.class,
                () -> ListCatalog.parse(bytes("{\"lists\":[{\"code\":\"x1\",\"kind\":\"grey\"," + good + "}]}"))).getMessage());
        assertEquals("list x1: the code appears twice", assertThrows(ListCatalog.InvalidLists.class,
                () -> ListCatalog.parse(bytes("{\"lists\":[{\"code\":\"x1\",\"kind\":\"red\"," + good + "},"
                        + "{\"code\":\"x1\",\"kind\":\"red\"," + good + "}]}"))).getMessage());
        assertEquals("list x1: legalBasis is required", assertThrows(ListCatalog.InvalidLists.class,
                () -> ListCatalog.parse(bytes("{\"lists\":[{\"code\":\"x1\",\"kind\":\"red\","
                        + good.replace("\"legalBasis\":\"b\",", "") + "}]}"))).getMessage());
        assertEquals("list 1: unknown field 'colour'", assertThrows(ListCatalog.InvalidLists.class,
                () -> ListCatalog.parse(bytes("{\"lists\":[{\"colour\":\"red\"}]}"))).getMessage());
        assertThrows(ListCatalog.InvalidLists.class, () -> ListCatalog.parse(bytes("{\"lists\":[]}")));
        assertThrows(ListCatalog.InvalidLists.class, () -> ListCatalog.parse(bytes("not json")));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
