package cn.xinyong.openapi.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.xinyong.openapi.ingest.feed.FeedParser;
import cn.xinyong.openapi.ingest.generator.SyntheticFeed;
import cn.xinyong.openapi.platform.id.OrganizationCode;
import cn.xinyong.openapi.readmodel.Dataset;
import cn.xinyong.openapi.readmodel.record.EntityRecord;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SyntheticFeedTest {

    private static final LocalDate AS_OF = LocalDate.of(2026, 11, 1);

    private static List<String> lines(long seed, int entities) {
        List<String> out = new ArrayList<>();
        new SyntheticFeed(seed, AS_OF).lines(entities).forEachRemaining(out::add);
        return out;
    }

    @Test
    void sameSeedGivesTheSameFeed() {
        assertEquals(lines(7, 200), lines(7, 200));
        assertTrue(!lines(7, 50).equals(lines(8, 50)));
    }

    @Test
    void everyLineIsAValidFeedEventWithRealisticNamesAndValidCodes() {
        FeedParser parser = new FeedParser(JsonMapper.builder().addModule(new JavaTimeModule()).build());
        Map<Dataset, Integer> counts = new EnumMap<>(Dataset.class);
        int line = 0;
        Map<String, Integer> entitiesPerPerson = new java.util.HashMap<>();
        for (String l : lines(20261125, 2000)) {
            FeedParser.Result r = parser.parse(l, ++line);
            FeedParser.Accepted a = assertInstanceOf(FeedParser.Accepted.class, r, () -> r.toString());
            counts.merge(a.event().dataset(), 1, Integer::sum);
            if (a.event().record() instanceof EntityRecord e) {
                assertTrue(OrganizationCode.isValid(e.uscc().substring(8, 17)), e.uscc());
                assertTrue(e.name().matches(".*(市|区).*(公司|店|馆|部|社|协会|中心)"), e.name());
                assertTrue(cn.xinyong.openapi.platform.id.ResidentId.isValid(e.legalRepresentativeId()), e.uscc());
                entitiesPerPerson.merge(e.legalRepresentativeId(), 1, Integer::sum);
            }
        }
        assertEquals(2000, counts.get(Dataset.ENTITY));
        assertTrue(counts.get(Dataset.LICENCE) > 2000, counts.toString());
        assertTrue(counts.get(Dataset.PENALTY) > 600, counts.toString());
        assertTrue(counts.get(Dataset.LIST_ENTRY) > 60, counts.toString());
        assertTrue(counts.get(Dataset.COMMITMENT) > 1000, counts.toString());
        assertTrue(counts.getOrDefault(Dataset.PERSON_RECORD, 0) > 5, counts.toString());
        long shared = entitiesPerPerson.values().stream().filter(n -> n > 1).count();
        assertTrue(shared > 50 && shared < 400, "some people represent several entities: " + shared);
    }

    @Test
    void knowsTheCodeOfEachEntity() {
        String first = lines(3, 1).get(0);
        assertTrue(first.contains("\"uscc\":\"" + new SyntheticFeed(3, AS_OF).uscc(0) + "\""));
    }
}
