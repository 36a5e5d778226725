package cn.xinyong.openapi.rights;

import cn.xinyong.openapi.platform.CallerContext;
import cn.xinyong.openapi.platform.db.Database;
import cn.xinyong.openapi.platform.TimeSource;
import cn.xinyong.openapi.platform.problem.ApiProblem;
import cn.xinyong.openapi.platform.problem.Problem;
import cn.xinyong.openapi.platform.problem.ProblemType;
import cn.xinyong.openapi.readmodel.Dataset;
import cn.xinyong.openapi.readmodel.Disputes;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A subject's applications about its own records, filed here and decided by the platform step by step:
 * objections (异议) and repairs (信用修复). While an objection is accepted or being verified, the record is marked
 * disputed (its punishments suspended); a dismissed objection lifts the mark; an upheld objection or an approved
 * repair is followed by the platform's correction or withdrawal through the feed.
 */
@ApplicationScoped
public class ApplicationService {

    public static final String OBJECTION = "objection";
    public static final String REPAIR = "repair";
    /** The application number's prefix by kind: 异议 YY, 修复 XF. */
    private static final Map<String, String> PREFIX = Map.of(OBJECTION, "YY", REPAIR, "XF");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    /** Who applies: an organisation by its 统一社会信用代码, a resident by the keyed hash of their ID. */
    public record Applicant(String kind, String id) {
        public static Applicant organisation(String uscc) {
            return new Applicant("organisation", uscc);
        }

        public static Applicant resident(String hash) {
            return new Applicant("resident", hash);
        }

        boolean resident() {
            return "resident".equals(kind);
        }
    }

    private final Disputes disputes;
    private final TimeSource time;
    private final ObjectMapper mapper;

    ApplicationService(Disputes disputes, TimeSource time, ObjectMapper mapper) {
        this.disputes = disputes;
        this.time = time;
        this.mapper = mapper;
    }

    /**
     * Files an application of the given kind: 404 for a record the read model does not publish, 403 for someone
     * else's (saying nothing about it), 409 while an application of this kind of the caller's about it is open.
     */
    public Uni<RightsViews.Application> file(String kind, Applicant applicant, Dataset dataset, String rawRecordId,
            String reason, List<String> evidence) {
        if (applicant.resident() != (dataset == Dataset.PERSON_RECORD)) {
            throw ApiProblem.invalidField("dataset", applicant.resident()
                    ? "a resident applies about their own personal records (personRecord)"
                    : "an organisation applies about its public records (licence, penalty, commitment, listEntry)");
        }
        String recordId = rawRecordId.strip();
        return owned(applicant, dataset, recordId).flatMap(found -> {
            return Database.transaction(() -> RightsApplication.<RightsApplication>find(
                    "applicant = ?1 and dataset = ?2 and recordId = ?3 and kind = ?4 and status in ?5",
                    applicant.id(), dataset.feedName(), recordId, kind,
                    List.of(ApplicationStatus.SUBMITTED, ApplicationStatus.ACCEPTED, ApplicationStatus.VERIFYING))
                    .firstResult().flatMap(open -> {
                        if (open != null) {
                            throw new ApiProblem(ProblemType.CONFLICT, "Your " + kind + " " + open.number
                                    + " about this record is still open (" + open.status + ")");
                        }
                        return nextSeq();
                    }).flatMap(seq -> {
                        Instant now = time.now().truncatedTo(ChronoUnit.MICROS);
                        RightsApplication a = new RightsApplication();
                        a.seq = seq;
                        a.number = PREFIX.get(kind) + "-" + DAY.format(now.atZone(CHINA)) + "-" + String.format("%06d", seq);
                        a.kind = kind;
                        a.applicantKind = applicant.kind();
                        a.applicant = applicant.id();
                        a.dataset = dataset.feedName();
                        a.recordId = recordId;
                        a.reason = reason.strip();
                        a.evidence = json(evidence == null ? List.of() : evidence);
                        a.status = ApplicationStatus.SUBMITTED;
                        a.submittedAt = now;
                        a.updatedAt = now;
                        StatusChange first = step(a.number, ApplicationStatus.SUBMITTED, now, null);
                        return a.<RightsApplication>persist().call(first::persist)
                                .map(saved -> view(saved, List.of(first)));
                    }));
        });
    }

    /**
     * The published record, if it is the applicant's: 404 when the read model does not publish it, 403 when it is
     * someone else's (saying nothing about it). Continues on the caller's context.
     */
    public Uni<Disputes.Located> owned(Applicant applicant, Dataset dataset, String recordId) {
        return disputes.locate(dataset, recordId).emitOn(CallerContext.executor()).map(found -> {
            if (found.isEmpty() || found.get().withdrawn()) {
                throw new ApiProblem(ProblemType.NOT_FOUND, "No " + dataset.feedName() + " record " + recordId
                        + " is published");
            }
            if (!applicant.id().equals(found.get().subjectId())) {
                throw new ApiProblem(ProblemType.FORBIDDEN, "You may apply only about your own records");
            }
            return found.get();
        });
    }

    /** The applicant's own applications of one kind, newest first, each with its history. */
    public Uni<List<RightsViews.Application>> mine(String kind, Applicant applicant) {
        return Database.session(() -> RightsApplication.<RightsApplication>find(
                "applicant = ?1 and applicantKind = ?2 and kind = ?3 order by seq desc", applicant.id(), applicant.kind(),
                kind).list().flatMap(this::withHistory));
    }

    /** One of the applicant's applications of one kind; 404 when there is none of theirs with this number. */
    public Uni<RightsViews.Application> one(String kind, Applicant applicant, String number) {
        return Database.session(() -> RightsApplication.<RightsApplication>findById(number).flatMap(a -> {
            if (a == null || !a.kind.equals(kind) || !a.applicant.equals(applicant.id())
                    || !a.applicantKind.equals(applicant.kind())) {
                throw new ApiProblem(ProblemType.NOT_FOUND, "You have no application " + number);
            }
            return withHistory(List.of(a)).map(list -> list.get(0));
        }));
    }

    /** Applications after submission position {@code afterSeq}, oldest first; one more than asked tells of more. */
    public Uni<List<Map.Entry<Long, RightsViews.Application>>> since(long afterSeq, int limit) {
        return Database.session(() -> RightsApplication.<RightsApplication>find("seq > ?1 order by seq", afterSeq)
                .page(0, limit + 1).list().flatMap(apps -> withHistory(apps).map(views -> {
                    List<Map.Entry<Long, RightsViews.Application>> out = new ArrayList<>();
                    for (int i = 0; i < apps.size(); i++) {
                        out.add(Map.entry(apps.get(i).seq, views.get(i)));
                    }
                    return out;
                })));
    }

    /**
     * The platform's step: refused out of order (409 naming the status and the steps it allows); the same
     * status again changes nothing and only repeats the marking (a retry after a failure). Accepting marks the
     * record disputed from today; dismissing lifts the mark.
     */
    public Uni<RightsViews.Application> decide(String number, RightsViews.StatusChangeRequest change) {
        java.util.concurrent.Executor back = CallerContext.executor();
        Uni<RightsApplication> saved = Database.transaction(() -> RightsApplication.<RightsApplication>findById(number)
                .flatMap(a -> {
                    if (a == null) {
                        throw new ApiProblem(ProblemType.NOT_FOUND, "No application " + number);
                    }
                    if (a.status.equals(change.status())) {
                        return Uni.createFrom().item(a);
                    }
                    if (!ApplicationStatus.allowed(a.status, change.status())) {
                        throw new ApiProblem(ProblemType.CONFLICT, "Application " + number + " is " + a.status
                                + "; it can become " + (ApplicationStatus.next(a.status).isEmpty() ? "nothing else"
                                        : new java.util.TreeSet<>(ApplicationStatus.next(a.status))),
                                List.of(new Problem.FieldError("status", "cannot follow " + a.status)));
                    }
                    Instant now = time.now().truncatedTo(ChronoUnit.MICROS);
                    a.status = change.status();
                    a.updatedAt = now;
                    return step(number, change.status(), now,
                            change.note() == null || change.note().isBlank() ? null : change.note().strip())
                            .persist().replaceWith(a);
                }));
        return saved.flatMap(a -> {
            Dataset dataset = Dataset.byFeedName(a.dataset).orElseThrow();
            boolean objection = OBJECTION.equals(a.kind);
            Uni<Boolean> marked = objection && ApplicationStatus.underReview(a.status)
                    ? disputes.mark(dataset, a.recordId, time.today())
                    : objection && ApplicationStatus.DISMISSED.equals(a.status) ? disputes.clear(dataset, a.recordId)
                    : Uni.createFrom().item(false);
            return marked.emitOn(back)
                    .flatMap(x -> Database.session(() -> withHistory(List.of(a))).map(list -> list.get(0)));
        });
    }

    private Uni<Long> nextSeq() {
        return Panache.getSession().flatMap(s -> s.createNativeQuery("select nextval('rights_application_seq')", Long.class)
                .getSingleResult());
    }

    private Uni<List<RightsViews.Application>> withHistory(List<RightsApplication> apps) {
        if (apps.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<String> numbers = apps.stream().map(a -> a.number).toList();
        return StatusChange.<StatusChange>find("number in ?1 order by id", numbers).list().map(changes -> {
            Map<String, List<StatusChange>> byNumber = new LinkedHashMap<>();
            for (StatusChange c : changes) {
                byNumber.computeIfAbsent(c.number, k -> new ArrayList<>()).add(c);
            }
            return apps.stream().map(a -> view(a, byNumber.getOrDefault(a.number, List.of()))).toList();
        });
    }

    private RightsViews.Application view(RightsApplication a, List<StatusChange> history) {
        return new RightsViews.Application(a.number, a.kind, a.applicantKind.equals("organisation") ? a.applicant : null,
                a.dataset, a.recordId, a.status, a.reason, evidence(a.evidence), a.submittedAt, a.updatedAt,
                history.stream().map(c -> new RightsViews.Step(c.status, c.at, c.note)).toList());
    }

    private static StatusChange step(String number, String status, Instant at, String note) {
        StatusChange c = new StatusChange();
        c.number = number;
        c.status = status;
        c.at = at;
        c.note = note;
        return c;
    }

    private String json(List<String> values) {
        try {
            return mapper.writeValueAsString(values.stream().map(String::strip).toList());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> evidence(String json) {
        try {
            return mapper.readValue(json, new TypeReference<List<String>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
