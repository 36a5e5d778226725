package cn.xinyong.openapi.readmodel.record;

/** The {@code data} of a feed upsert: one record of one dataset. */
public sealed interface FeedRecord permits EntityRecord, LicenceRecord, PenaltyRecord, ListEntryRecord,
        CommitmentRecord, PersonRecord {

    /** The 统一社会信用代码 of the subject the record is about. */
    String subjectId();

    /** Adds a reason for every field that is missing or out of range. */
    void check(Checks checks);
}
