package cn.xinyong.openapi.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.xinyong.openapi.ingest.feed.FeedParser;
import cn.xinyong.openapi.readmodel.Dataset;
import cn.xinyong.openapi.readmodel.FeedEvent;
import cn.xinyong.openapi.readmodel.record.PenaltyRecord;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;

class FeedParserTest {

    private final FeedParser parser = new FeedParser(JsonMapper.builder().addModule(new JavaTimeModule()).build());
    private static final String CODE = "91350100M000100Y43";

    private String reason(String line) {
        FeedParser.Result r = parser.parse(line, 7);
        FeedParser.Rejected rejected = assertInstanceOf(FeedParser.Rejected.class, r);
        assertEquals(7, rejected.rejection().line());
        return rejected.rejection().reason();
    }

    private static String penalty(String extra) {
        return "{\"dataset\":\"penalty\",\"op\":\"upsert\",\"id\":\"P-1\",\"version\":3,\"data\":{\"subjectId\":\"" + CODE
                + "\",\"subjectName\":\"某公司\",\"decisionNumber\":\"罚字1号\",\"categories\":[\"fine\"],"
                + "\"decisionDate\":\"2026-03-01\",\"authority\":\"市场监管局\"" + extra + "}}";
    }

    @Test
    void readsAPenaltyUpsert() {
        FeedParser.Result r = parser.parse(penalty(",\"severity\":\"general\",\"publicationEnd\":\"2026-09-01\""), 1);
        FeedEvent e = assertInstanceOf(FeedParser.Accepted.class, r).event();
        assertEquals(Dataset.PENALTY, e.dataset());
        assertEquals(3, e.version());
        assertEquals(CODE, e.subjectId());
        assertEquals("general", assertInstanceOf(PenaltyRecord.class, e.record()).severity());
    }

    @Test
    void rejectsUnknownFields() {
        assertTrue(reason(penalty(",\"severity\":\"general\",\"publicationEnd\":\"2026-09-01\",\"colour\":1"))
                .contains("unknown field 'colour'"));
        assertTrue(reason("{\"dataset\":\"entity\",\"op\":\"upsert\",\"id\":\"a\",\"version\":1,\"extra\":1,\"data\":{}}")
                .contains("unknown field 'extra'"));
    }

    @Test
    void rejectsMissingPublicationEndForAPublishedPenalty() {
        assertTrue(reason(penalty(",\"severity\":\"serious\"")).contains("publicationEnd is required"));
    }

    @Test
    void acceptsASimpleProcedurePenaltyWithoutPublicationEnd() {
        assertInstanceOf(FeedParser.Accepted.class, parser.parse(penalty(",\"severity\":\"simple\""), 1));
    }

    @Test
    void rejectsBadValuesNamingTheField() {
        assertTrue(reason(penalty(",\"severity\":\"grave\",\"publicationEnd\":\"2026-09-01\"")).contains("severity must be one of"));
        assertTrue(reason(penalty(",\"severity\":\"general\",\"publicationEnd\":\"2025-09-01\""))
                .contains("publicationEnd (2025-09-01) is before decisionDate"));
        assertTrue(reason(penalty(",\"severity\":\"general\",\"publicationEnd\":\"2026-13-01\""))
                .contains("publicationEnd"));
    }

    @Test
    void rejectsBrokenEnvelopes() {
        assertTrue(reason("{").startsWith("malformed JSON"));
        assertTrue(reason("[1,2]").startsWith("malformed JSON"));
        assertTrue(reason("{\"dataset\":\"entity\",\"op\":\"upsert\",\"id\":\"a\",\"version\":0,\"data\":{}}")
                .contains("version"));
        assertTrue(reason("{\"dataset\":\"entity\",\"op\":\"upsert\",\"id\":\"a b\",\"version\":1,\"data\":{}}")
                .contains("id is required"));
        assertTrue(reason("{\"dataset\":\"entity\",\"op\":\"delete\",\"id\":\"a\",\"version\":1}").contains("op must be"));
        assertTrue(reason("{\"dataset\":\"entity\",\"op\":\"upsert\",\"id\":\"a\",\"version\":1.5,\"data\":{}}")
                .startsWith("malformed JSON"));
        assertTrue(reason("x".repeat(FeedParser.MAX_LINE_CHARS + 1)).contains("longer than"));
        assertTrue(reason("{\"dataset\":\"entity\",\"op\":\"upsert\",\"id\":\"a\",\"version\":9007199254740992,\"data\":{}}")
                .contains("2^53"));
    }

    @Test
    void readsAWithdrawal() {
        FeedEvent e = assertInstanceOf(FeedParser.Accepted.class, parser.parse(
                "{\"dataset\":\"penalty\",\"op\":\"withdraw\",\"id\":\"P-1\",\"version\":4,\"subjectId\":\"" + CODE
                        + "\",\"reason\":\"repaired\"}", 2)).event();
        assertEquals(FeedEvent.Operation.WITHDRAW, e.op());
        assertEquals("repaired", e.reason());
        assertTrue(reason("{\"dataset\":\"penalty\",\"op\":\"withdraw\",\"id\":\"P-1\",\"version\":4,\"subjectId\":\"" + CODE
                + "\",\"reason\":\"bored\"}").contains("reason must be one of"));
    }

    @Test
    void rejectsWrongJsonTypesDuplicateKeysControlCharactersAndBrokenUtf8WithTheLine() {
        String ok = penalty(",\"severity\":\"general\",\"publicationEnd\":\"2026-09-01\"");
        assertInstanceOf(FeedParser.Accepted.class, parser.parse(ok, 7));
        assertTrue(reason(ok.replace("\"version\":3", "\"version\":\"3\"")).contains("version"), "a version sent as a string");
        assertTrue(reason(ok.replace("\"subjectName\":\"某公司\"", "\"subjectName\":123")).contains("subjectName"));
        assertTrue(reason(ok.replace("\"op\":\"upsert\",", "\"op\":\"upsert\",\"op\":\"withdraw\",")).contains("op"),
                "a duplicate key in the envelope");
        assertTrue(reason(ok.replace("\"authority\":\"市场监管局\"", "\"authority\":\"市场监管局\",\"authority\":\"税务局\""))
                .contains("authority"), "a duplicate key in the record");
        assertTrue(reason(ok.replace("某公司", "某\\u0000公司")).contains("subjectName holds a control character"));
        assertTrue(reason(ok.replace("某公司", "某\\r\\n公司")).contains("subjectName holds a control character"));
        assertInstanceOf(FeedParser.Accepted.class, parser.parse(ok.replace("\"authority\"",
                "\"facts\":\"第一行\\n第二行\",\"authority\""), 7), "free text keeps its line breaks");
        byte[] broken = ok.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        broken[ok.indexOf("某") + 10] = (byte) 0xff;
        String decoded = new String(broken, java.nio.charset.StandardCharsets.UTF_8);
        assertEquals("line is not valid UTF-8", reason(decoded));
    }

    @Test
    void aRecordIdHoldingAPersonalIdIsRejectedAndNoReasonQuotesAnId() {
        String first17 = "11010519600101123";
        String id = first17 + cn.xinyong.openapi.platform.id.ResidentId.checkCharacter(first17);
        String line = "{\"dataset\":\"personRecord\",\"op\":\"upsert\",\"id\":\"PR-" + id + "\",\"version\":1,\"data\":"
                + "{\"residentId\":\"" + id + "\",\"kind\":\"penalty\",\"summary\":\"s\",\"authority\":\"a\","
                + "\"decidedOn\":\"2026-01-01\"}}";
        String reason = reason(line);
        assertTrue(reason.contains("must not contain a 居民身份证号码"), reason);
        String quoted = reason(line.replace("\"dataset\":\"personRecord\"", "\"dataset\":\"" + id + "\""));
        assertTrue(!quoted.contains(id) && quoted.contains("*****"), "the value is masked in the reason: " + quoted);
    }
}
