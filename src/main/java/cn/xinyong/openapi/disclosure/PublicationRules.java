package cn.xinyong.openapi.disclosure;

import java.time.LocalDate;

/**
 * What the public may see (双公示 publication rules). Evaluated at read time against today's date, so
 * a record whose publication period ends disappears on that day with no event from the platform.
 */
public final class PublicationRules {

    private PublicationRules() {
    }

    /**
     * A penalty is public unless decided under 简易程序, withdrawn (信用修复, 异议, correction) or past
     * its publication end date (the end date itself is the last public day).
     */
    public static boolean penaltyPublic(String severity, LocalDate publicationEnd, boolean withdrawn, LocalDate today) {
        if (withdrawn || "simple".equals(severity)) {
            return false;
        }
        return publicationEnd != null && !today.isAfter(publicationEnd);
    }

    /** A licence decision stays public unless withdrawn. */
    public static boolean licencePublic(boolean withdrawn) {
        return !withdrawn;
    }

    /** A list membership is current from its listing until it is removed or its removal date passes. */
    public static boolean listMembershipCurrent(LocalDate listedOn, LocalDate removeBy, LocalDate removedOn,
            boolean withdrawn, LocalDate today) {
        if (withdrawn || listedOn == null || listedOn.isAfter(today)) {
            return false;
        }
        if (removedOn != null && !removedOn.isAfter(today)) {
            return false;
        }
        return removeBy == null || !today.isAfter(removeBy);
    }
}
