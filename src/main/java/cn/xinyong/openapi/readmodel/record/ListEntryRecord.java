package cn.xinyong.openapi.readmodel.record;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.LocalDate;

/** One subject's membership of one red or black list (红黑名单). */
@RegisterForReflection
public record ListEntryRecord(
        String list,
        String subjectId,
        String subjectName,
        String reason,
        String authority,
        String authorityCode,
        String legalBasis,
        LocalDate listedOn,
        LocalDate removeBy,
        LocalDate removedOn,
        /** Under objection review (异议核查中) since this date; absent when not disputed. */
        LocalDate disputedSince) implements FeedRecord {

    @Override
    public void check(Checks c) {
        c.required("list", list).oneOf("list", list, ListCatalog.codes())
                .subject(subjectId, subjectName)
                .authority(authority, authorityCode)
                .required("listedOn", listedOn)
                .notBefore("removeBy", removeBy, "listedOn", listedOn)
                .notBefore("removedOn", removedOn, "listedOn", listedOn);
    }
}
