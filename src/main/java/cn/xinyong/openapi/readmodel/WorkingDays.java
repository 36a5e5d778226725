package cn.xinyong.openapi.readmodel;

import cn.xinyong.openapi.platform.config.ClasspathResources;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;

/**
 * Working days (工作日) as the 双公示 rule counts them ("published within 7 working days of the decision"): Monday
 * to Friday, less the national holidays, plus the weekend days worked in exchange (调休), as data
 * ({@code calendar/working-days.json}, one entry per year from the State Council's notice). A year the file does
 * not list counts weekdays only.
 */
public final class WorkingDays {

    /** The 双公示 publication deadline, in working days after the decision. */
    public static final int PUBLICATION_DEADLINE = 7;

    private static final Set<LocalDate> HOLIDAYS = new HashSet<>();
    private static final Set<LocalDate> WORKING_WEEKEND_DAYS = new HashSet<>();
    private static final Set<Integer> YEARS = new HashSet<>();

    static {
        try {
            JsonNode years = new ObjectMapper().readTree(ClasspathResources.bytes("calendar/working-days.json"))
                    .path("years");
            years.fields().forEachRemaining(y -> {
                YEARS.add(Integer.parseInt(y.getKey()));
                y.getValue().path("holidays").forEach(d -> HOLIDAYS.add(LocalDate.parse(d.asText())));
                y.getValue().path("workingWeekendDays").forEach(d -> WORKING_WEEKEND_DAYS.add(LocalDate.parse(d.asText())));
            });
        } catch (IOException e) {
            throw new UncheckedIOException("calendar/working-days.json is unreadable", e);
        }
    }

    private WorkingDays() {
    }

    public static boolean isWorkingDay(LocalDate day) {
        if (WORKING_WEEKEND_DAYS.contains(day)) {
            return true;
        }
        DayOfWeek d = day.getDayOfWeek();
        return d != DayOfWeek.SATURDAY && d != DayOfWeek.SUNDAY && !HOLIDAYS.contains(day);
    }

    /** Whether the calendar knows the year's holidays (otherwise weekdays alone count). */
    public static boolean knows(int year) {
        return YEARS.contains(year);
    }

    /**
     * The working days after {@code from} up to and including {@code to}: 0 on the same day, 1 on the next working
     * day; negative when {@code to} is before {@code from} (published before decided: a data error to show).
     */
    public static int between(LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            return -between(to, from);
        }
        int n = 0;
        for (LocalDate d = from.plusDays(1); !d.isAfter(to); d = d.plusDays(1)) {
            if (isWorkingDay(d)) {
                n++;
            }
        }
        return n;
    }
}
