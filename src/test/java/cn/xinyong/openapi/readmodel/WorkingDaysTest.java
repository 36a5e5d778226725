package cn.xinyong.openapi.readmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class WorkingDaysTest {

    private static int between(String from, String to) {
        return WorkingDays.between(LocalDate.parse(from), LocalDate.parse(to));
    }

    @Test
    void weekendsDoNotCount() {
        assertEquals(0, between("2026-11-20", "2026-11-20"));
        assertEquals(1, between("2026-11-20", "2026-11-23"), "Friday to Monday");
        assertEquals(5, between("2026-11-16", "2026-11-23"));
    }

    @Test
    void nationalHolidaysDoNotCountAndTheirWorkingWeekendDaysDo() {
        assertEquals(2, between("2026-09-30", "2026-10-09"), "国庆 1-7 October");
        assertEquals(1, between("2026-10-09", "2026-10-10"), "Saturday 10 October 2026 is worked (调休)");
        assertEquals(3, between("2026-02-13", "2026-02-25"), "春节: Saturday 14 February worked, 15-23 off");
        assertEquals(7, between("2026-06-18", "2026-06-30"), "端午 19-21 June");
        assertFalse(WorkingDays.isWorkingDay(LocalDate.parse("2025-10-08")));
        assertTrue(WorkingDays.isWorkingDay(LocalDate.parse("2025-09-28")));
    }

    @Test
    void aYearTheCalendarDoesNotListCountsWeekdays() {
        assertFalse(WorkingDays.knows(2031));
        assertTrue(WorkingDays.knows(2026));
        assertEquals(1, between("2030-12-31", "2031-01-01"));
        assertEquals(-1, between("2026-11-23", "2026-11-20"), "published before decided shows as negative");
    }
}
