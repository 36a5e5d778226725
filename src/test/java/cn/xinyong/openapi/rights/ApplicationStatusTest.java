package cn.xinyong.openapi.rights;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** The order an application's statuses come in: one rule, no skipping, no way back. */
class ApplicationStatusTest {

    @Test
    void eachStatusAllowsOnlyItsNextSteps() {
        assertEquals(Set.of("accepted", "refused"), ApplicationStatus.next("submitted"));
        assertEquals(Set.of("verifying"), ApplicationStatus.next("accepted"));
        assertEquals(Set.of("upheld", "dismissed"), ApplicationStatus.next("verifying"));
        for (String end : Set.of("refused", "upheld", "dismissed")) {
            assertTrue(ApplicationStatus.next(end).isEmpty(), end + " is final");
        }
        assertFalse(ApplicationStatus.allowed("submitted", "dismissed"), "dismissed before accepted");
        assertFalse(ApplicationStatus.allowed("submitted", "verifying"));
        assertFalse(ApplicationStatus.allowed("verifying", "accepted"), "no way back");
        assertFalse(ApplicationStatus.allowed("nonsense", "accepted"));
    }

    @Test
    void theRecordIsUnderReviewOnlyWhileAcceptedOrVerifying() {
        for (String status : ApplicationStatus.ALL) {
            assertEquals(status.equals("accepted") || status.equals("verifying"), ApplicationStatus.underReview(status),
                    status);
        }
    }
}
