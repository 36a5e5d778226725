package cn.xinyong.openapi.readmodel.record;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.LocalDate;

/** 主体登记信息 and its credit grade. */
@RegisterForReflection
public record EntityRecord(
        String uscc,
        String name,
        String kind,
        String legalRepresentative,
        /**
         * 居民身份证号码 of the legal representative or principal (法定代表人/负责人): turned into its keyed hash
         * before anything is stored, never shown; links the person's own records to the entities they run.
         */
        String legalRepresentativeId,
        String registrationAuthority,
        String regionCode,
        LocalDate registeredOn,
        String status,
        String industry,
        String address,
        CreditGrade creditGrade) implements FeedRecord {

    /** 信用等级 (分级分类): grade, when rated and by whom. */
    @RegisterForReflection
    public record CreditGrade(String grade, LocalDate ratedOn, String evaluatedBy) {
    }

    @Override
    public String subjectId() {
        return uscc;
    }

    @Override
    public void check(Checks c) {
        c.required("uscc", uscc).uscc("uscc", uscc)
                .required("name", name).maxLength("name", name, 200)
                .required("kind", kind).oneOf("kind", kind, Vocabulary.ENTITY_KINDS.keySet())
                .required("status", status).oneOf("status", status, Vocabulary.ENTITY_STATUSES.keySet())
                .required("regionCode", regionCode)
                .that(regionCode == null || regionCode.matches("\\d{6}"), "regionCode must be 6 digits (行政区划代码)")
                .required("registeredOn", registeredOn)
                .that(legalRepresentativeId == null || cn.xinyong.openapi.platform.id.ResidentId.isValid(legalRepresentativeId),
                        "legalRepresentativeId is not a valid 居民身份证号码");
        if (creditGrade != null) {
            c.required("creditGrade.grade", creditGrade.grade())
                    .oneOf("creditGrade.grade", creditGrade.grade(), Vocabulary.CREDIT_GRADES.keySet())
                    .required("creditGrade.ratedOn", creditGrade.ratedOn());
        }
    }
}
