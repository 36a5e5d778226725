package cn.xinyong.openapi.readmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import cn.xinyong.openapi.readmodel.record.EntityRecord;
import cn.xinyong.openapi.readmodel.record.ListEntryRecord;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** One pass over a stored entry gives the record and the entry's own fields, as reading a tree first did. */
class StoredEntryReaderTest {

    private final ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule());
    private final StoredEntryReader reader = new StoredEntryReader(mapper);
    private final StoredForm form = new StoredForm(mapper);

    @Test
    void anEntityEntryGivesItsRecordAndItsEnvelopeWhateverComesFirst() throws Exception {
        // An unknown object first, then the envelope, with an unknown field inside the nested grade too.
        String json = """
                {"future":{"a":[1,{"b":2}]},"uscc":"91420103MA4K2XXXX0","name":"武汉市示例有限公司","kind":"company",
                 "registeredOn":"2020-01-02","status":"active","regionCode":"420103",
                 "creditGrade":{"grade":"A","ratedOn":"2025-06-30","evaluatedBy":"市发改委","id":"nested"},
                 "legalRepresentativeHash":"abc123","id":"91420103MA4K2XXXX0","seq":42,
                 "updatedAt":"2026-11-26T20:42:16.120345Z"}""";
        StoredEntryReader.Read read = reader.read(Dataset.ENTITY, json);
        EntityRecord entity = (EntityRecord) read.record();
        assertEquals("武汉市示例有限公司", entity.name());
        assertEquals(LocalDate.of(2025, 6, 30), entity.creditGrade().ratedOn());
        assertEquals("91420103MA4K2XXXX0", read.envelope().id, "the nested grade's id is not the entry's");
        assertEquals("2026-11-26T20:42:16.120345Z", read.envelope().updatedAt);
        assertEquals("abc123", read.envelope().representative);
        assertNull(read.envelope().reason, "a current entry has no withdrawal reason");
    }

    @Test
    void aWithdrawnListEntryKeepsItsReasonThoughListEntriesHaveAReasonOfTheirOwn() throws Exception {
        ObjectNode doc = mapper.createObjectNode().put("id", "LE-1").put("version", 3).put("seq", 77)
                .put("updatedAt", "2026-11-26T01:02:03Z").put("subjectId", "91420103MA4K2XXXX0")
                .put("withdrawn", true).put("withdrawnReason", "信用修复");
        StoredForm.Entry stored = form.entry(Dataset.LIST_ENTRY, doc);
        StoredEntryReader.Read read = reader.read(Dataset.LIST_ENTRY, stored.json());
        assertNull(read.record(), "a withdrawal holds no record");
        assertEquals("信用修复", read.envelope().reason);
        assertEquals("LE-1", read.envelope().id);
        assertEquals("2026-11-26T01:02:03Z", read.envelope().updatedAt);
    }

    @Test
    void aCurrentListEntryKeepsItsOwnReasonInTheRecord() throws Exception {
        String json = """
                {"list":"dishonest-executee","subjectId":"91420103MA4K2XXXX0","reason":"拒不履行","listedOn":"2026-01-05",
                 "id":"LE-2","seq":78,"updatedAt":"2026-11-26T01:02:03Z"}""";
        StoredEntryReader.Read read = reader.read(Dataset.LIST_ENTRY, json);
        assertEquals("拒不履行", ((ListEntryRecord) read.record()).reason());
        assertNull(read.envelope().reason);
        assertEquals("LE-2", read.envelope().id);
    }
}
