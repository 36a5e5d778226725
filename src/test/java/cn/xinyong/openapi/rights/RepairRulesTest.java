package cn.xinyong.openapi.rights;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.xinyong.openapi.readmodel.record.ListEntryRecord;
import cn.xinyong.openapi.readmodel.record.PenaltyRecord;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The national repair rule's periods, case by case (国家发展改革委令第58号). */
class RepairRulesTest {

    private static final LocalDate DECIDED = LocalDate.of(2026, 3, 10);

    private static PenaltyRecord penalty(String severity, String sector, LocalDate end) {
        return new PenaltyRecord("91420103MA4K000000", "测试", "罚〔2026〕1号", "虚假宣传", null, null, List.of("fine"),
                null, BigDecimal.ONE, null, DECIDED, end, "武汉市市场监督管理局", null, severity, null, DECIDED, sector, null);
    }

    @Test
    void aGeneralPenaltyMayBeRepairedThreeMonthsAfterTheDecisionUntilItsPublicationEnds() {
        PenaltyRecord p = penalty("general", null, DECIDED.plusYears(1));
        RepairRules.Repairability before = RepairRules.penalty("PN-1", p, LocalDate.of(2026, 6, 9));
        assertFalse(before.repairableNow());
        assertEquals(LocalDate.of(2026, 6, 10), before.earliest());
        assertEquals(DECIDED.plusYears(1), before.endsBy());
        assertEquals(List.of(RepairRules.COMMITMENT, RepairRules.CORRECTION), before.requirements());
        assertTrue(RepairRules.penalty("PN-1", p, LocalDate.of(2026, 6, 10)).repairableNow(), "on the day itself");
    }

    @Test
    void specialEquipmentWorkSafetyAndFirePenaltiesWaitAYear() {
        for (String sector : List.of("specialEquipment", "workSafety", "fireSafety")) {
            RepairRules.Repairability r = RepairRules.penalty("PN-2", penalty("general", sector, DECIDED.plusYears(2)),
                    LocalDate.of(2027, 3, 9));
            assertEquals(LocalDate.of(2027, 3, 10), r.earliest(), sector);
            assertFalse(r.repairableNow(), sector);
        }
    }

    @Test
    void publicationNeverOutlastsThreeYearsAndASeriousPenaltyNeedsTraining() {
        RepairRules.Repairability r = RepairRules.penalty("PN-3", penalty("serious", null, DECIDED.plusYears(5)),
                DECIDED.plusMonths(4));
        assertEquals(DECIDED.plusYears(3), r.endsBy());
        assertTrue(r.requirements().contains(RepairRules.TRAINING));
        assertTrue(r.repairableNow());
    }

    @Test
    void listsFollowTheirOwnTerms() {
        LocalDate listed = LocalDate.of(2026, 1, 5);
        ListEntryRecord serious = new ListEntryRecord("seriousDishonesty", "91420103MA4K000000", "测试", "原因", "部门",
                null, null, listed, listed.plusYears(3), null, null);
        RepairRules.Repairability r = RepairRules.listEntry("LE-1", serious, LocalDate.of(2026, 12, 1));
        assertEquals(LocalDate.of(2027, 1, 5), r.earliest());
        assertFalse(r.repairableNow());
        assertTrue(r.requirements().contains(RepairRules.TRAINING));
        ListEntryRecord defaulter = new ListEntryRecord("judgmentDefaulter", "91420103MA4K000000", "测试", "原因", "法院",
                null, null, listed, null, null, null);
        RepairRules.Repairability court = RepairRules.listEntry("LE-2", defaulter, LocalDate.of(2030, 1, 1));
        assertNull(court.earliest(), "not by a repair application");
        assertFalse(court.repairableNow());
    }
}
