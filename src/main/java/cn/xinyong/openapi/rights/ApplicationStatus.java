package cn.xinyong.openapi.rights;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The statuses of an application and the order they come in: submitted → accepted or refused; accepted →
 * verifying; verifying → upheld or dismissed (for a repair: approved or rejected). The platform decides every
 * step after submission; a step out of order is refused.
 */
public final class ApplicationStatus {

    public static final String SUBMITTED = "submitted";
    public static final String ACCEPTED = "accepted";
    public static final String REFUSED = "refused";
    public static final String VERIFYING = "verifying";
    public static final String UPHELD = "upheld";
    public static final String DISMISSED = "dismissed";

    /** Every status, in lifecycle order. */
    public static final List<String> ALL = List.of(SUBMITTED, ACCEPTED, REFUSED, VERIFYING, UPHELD, DISMISSED);

    private static final Map<String, Set<String>> NEXT = Map.of(
            SUBMITTED, Set.of(ACCEPTED, REFUSED),
            ACCEPTED, Set.of(VERIFYING),
            VERIFYING, Set.of(UPHELD, DISMISSED),
            REFUSED, Set.of(),
            UPHELD, Set.of(),
            DISMISSED, Set.of());

    private ApplicationStatus() {
    }

    /** Whether an application in {@code from} may move to {@code to}. */
    public static boolean allowed(String from, String to) {
        return NEXT.getOrDefault(from, Set.of()).contains(to);
    }

    /** The statuses {@code from} may move to. */
    public static Set<String> next(String from) {
        return NEXT.getOrDefault(from, Set.of());
    }

    /** Whether the record is under review (异议核查中) while the application is in this status. */
    public static boolean underReview(String status) {
        return ACCEPTED.equals(status) || VERIFYING.equals(status);
    }
}
