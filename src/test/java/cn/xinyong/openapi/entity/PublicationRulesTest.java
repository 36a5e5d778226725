package cn.xinyong.openapi.entity;

import static cn.xinyong.openapi.readmodel.PublicationRules.listMembershipCurrent;
import static cn.xinyong.openapi.readmodel.PublicationRules.penaltyPublic;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class PublicationRulesTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 25);

    @Test
    void simpleProcedurePenaltiesAreNeverPublic() {
        assertFalse(penaltyPublic("simple", TODAY.plusYears(1), false, TODAY));
    }

    @Test
    void withdrawsPenaltyAfterPublicationEnd() {
        assertTrue(penaltyPublic("general", TODAY, false, TODAY));
        assertFalse(penaltyPublic("general", TODAY.minusDays(1), false, TODAY));
        assertTrue(penaltyPublic("serious", TODAY.plusDays(1), false, TODAY));
    }

    @Test
    void repairedPenaltiesAreNotPublic() {
        assertFalse(penaltyPublic("serious", TODAY.plusYears(2), true, TODAY));
    }

    @Test
    void listMembershipEndsOnRemovalOrItsDeadline() {
        assertTrue(listMembershipCurrent(TODAY.minusYears(1), TODAY.plusYears(1), null, false, TODAY));
        assertFalse(listMembershipCurrent(TODAY.minusYears(1), TODAY.plusYears(1), TODAY, false, TODAY));
        assertFalse(listMembershipCurrent(TODAY.minusYears(3), TODAY.minusDays(1), null, false, TODAY));
        assertFalse(listMembershipCurrent(TODAY.plusDays(1), null, null, false, TODAY));
        assertFalse(listMembershipCurrent(TODAY.minusYears(1), null, null, true, TODAY));
    }
}
