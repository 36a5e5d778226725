package cn.xinyong.openapi.readmodel;

import cn.xinyong.openapi.platform.JsonFields;
import cn.xinyong.openapi.readmodel.record.FeedRecord;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;

/**
 * Reads one stored entry ({@link StoredForm#entry}) in a single pass over its JSON: the typed record, and beside it the
 * entry's own fields that are not the record's (id, update time, withdrawal, the representative link), caught as the
 * record's unknown properties. A lookup decodes every entry of its subject, so this is on the hottest path there is;
 * reading a tree first and then converting it cost twice as much.
 */
final class StoredEntryReader {

    /** The entry's own fields, as the pass over the record met them (the reason: a withdrawal's only). */
    static final class Envelope {
        String id;
        String updatedAt;
        String reason;
        String representative;
    }

    /** The envelope of the entry being read on this thread (the handler has no other way to reach it). */
    private static final ThreadLocal<Envelope> READING = new ThreadLocal<>();

    private final Map<Dataset, ObjectReader> readers = new EnumMap<>(Dataset.class);
    private final ObjectReader trees;

    StoredEntryReader(ObjectMapper mapper) {
        this.trees = mapper.reader();
        ObjectReader base = mapper.reader().without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .withHandler(new EnvelopeFields());
        for (Dataset d : Dataset.values()) {
            readers.put(d, base.forType(d.recordType()));
        }
    }

    /** The record (null for a withdrawn entry) and the envelope. */
    record Read(FeedRecord record, Envelope envelope) {
    }

    Read read(Dataset dataset, String json) throws IOException {
        Envelope envelope = new Envelope();
        if (StoredForm.isWithdrawal(json)) {
            // Rare, and its "reason" would be a list entry's own field: read as a tree, no record built.
            JsonNode tree = trees.readTree(json);
            envelope.id = JsonFields.text(tree, "id");
            envelope.updatedAt = JsonFields.text(tree, "updatedAt");
            envelope.reason = JsonFields.text(tree, "reason");
            return new Read(null, envelope);
        }
        Envelope outer = READING.get();
        READING.set(envelope);
        try {
            return new Read(readers.get(dataset).readValue(json), envelope);
        } finally {
            READING.set(outer);
        }
    }

    /** Catches the envelope's fields at the top level of the entry; skips anything else the record does not know. */
    private static final class EnvelopeFields extends DeserializationProblemHandler {
        @Override
        public boolean handleUnknownProperty(DeserializationContext ctxt, JsonParser p, JsonDeserializer<?> deserializer,
                Object beanOrClass, String propertyName) throws IOException {
            Envelope envelope = READING.get();
            // The record's own unknown properties: a record instance (a creator's buffered fields arrive after it is
            // built) or its class, never a nested value's (CreditGrade).
            boolean topLevel = beanOrClass instanceof FeedRecord
                    || beanOrClass instanceof Class<?> type && FeedRecord.class.isAssignableFrom(type);
            if (envelope != null && topLevel) {
                switch (propertyName) {
                    case "id" -> envelope.id = p.getValueAsString();
                    case "updatedAt" -> envelope.updatedAt = p.getValueAsString();
                    case StoredForm.REPRESENTATIVE -> envelope.representative = p.getValueAsString();
                    default -> { }
                }
            }
            p.skipChildren();
            return true;
        }
    }
}
