package cn.xinyong.openapi.readmodel;

import cn.xinyong.openapi.readmodel.record.FeedRecord;


/**
 * One accepted change from the platform feed: an upsert carrying a record, or a withdrawal of a
 * record from publication (信用修复, 异议, correction). {@code version} is the platform's, and a higher
 * one wins.
 */
public record FeedEvent(int line, Dataset dataset, Operation op, String id, long version, String subjectId,
        FeedRecord record, String reason) {

    public enum Operation {
        UPSERT("upsert"), WITHDRAW("withdraw");

        private final String wire;

        Operation(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }
}
