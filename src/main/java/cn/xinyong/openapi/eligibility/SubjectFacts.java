package cn.xinyong.openapi.eligibility;

import java.time.LocalDate;
import java.util.List;

/**
 * What the rules need to know about a subject, read from its Redis document in one round trip (the
 * projector keeps these facts per subject at ingest time).
 */
public record SubjectFacts(String subjectId, String status, LocalDate registeredOn, String grade, LocalDate gradedOn,
        List<Listing> listings, List<Penalty> penalties, List<Commitment> commitments) {

    /** A list membership (current or past, not withdrawn). */
    public record Listing(String id, String list, LocalDate listedOn, LocalDate removeBy, LocalDate removedOn,
            boolean disputed) {
        public Listing(String id, String list, LocalDate listedOn, LocalDate removeBy, LocalDate removedOn) {
            this(id, list, listedOn, removeBy, removedOn, false);
        }
    }

    /** A penalty decision (not withdrawn). */
    public record Penalty(String id, String severity, LocalDate decidedOn, boolean disputed) {
        public Penalty(String id, String severity, LocalDate decidedOn) {
            this(id, severity, decidedOn, false);
        }
    }

    /** A credit commitment and whether it was kept. */
    public record Commitment(String id, String type, LocalDate committedOn, String fulfilment, boolean disputed) {
        public Commitment(String id, String type, LocalDate committedOn, String fulfilment) {
            this(id, type, committedOn, fulfilment, false);
        }
    }
}
