package cn.xinyong.openapi.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class EntityQueriesTest {

    @Test
    void nameSearchMatchesBigramsBoostsExactNamesAndSortsStably() {
        ObjectNode q = EntityQueries.search(new EntityQueries.Criteria("恒泰商贸", null, "4201", null, "active"), 21, null);
        assertEquals(21, q.path("size").asInt());
        assertEquals("恒泰商贸", q.at("/query/bool/must/0/match/name/query").asText());
        assertEquals("恒泰商贸", q.at("/query/bool/should/0/term/name.exact/value").asText());
        assertEquals("4201", q.at("/query/bool/filter/1/term/regionPath").asText());
        assertEquals("active", q.at("/query/bool/filter/2/term/status").asText());
        assertFalse(q.at("/query/bool/filter/0/term/withdrawn").asBoolean(true));
        assertEquals("asc", q.at("/sort/1/uscc").asText());
        assertTrue(q.path("search_after").isMissingNode());
    }

    @Test
    void aCodeBecomesATermQueryAndTheCursorPositionIsPassedOn() {
        var after = JsonNodeFactory.instance.arrayNode().add(1.5).add("X");
        ObjectNode q = EntityQueries.search(new EntityQueries.Criteria("x", "91350100M000100Y43", null, null, null), 5, after);
        assertEquals("91350100M000100Y43", q.at("/query/bool/must/0/term/uscc").asText());
        assertTrue(q.at("/query/bool/should").isMissingNode());
        assertEquals(after, q.path("search_after"));
    }
}
