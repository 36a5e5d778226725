package cn.xinyong.openapi.readmodel.record;

/** The {@code data} of a feed upsert: one record of one dataset. */
public sealed interface FeedRecord permits EntityRecord, LicenceRecord, PenaltyRecord, ListEntryRecord,
        CommitmentRecord, PersonRecord {

    /** The 统一社会信用代码 of the subject the record is about. */
    String subjectId();

    /** Under objection review (异议核查中) since this date, or null: still shown, marked; its punishments suspended. */
    default java.time.LocalDate disputedSince() {
        return null;
    }

    /** Adds a reason for every field that is missing or out of range. */
    void check(Checks checks);
}
