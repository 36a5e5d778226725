package cn.xinyong.openapi.reports;

import cn.xinyong.openapi.platform.CallerContext;
import cn.xinyong.openapi.platform.db.Database;
import cn.xinyong.openapi.platform.TimeSource;
import cn.xinyong.openapi.platform.problem.ApiProblem;
import cn.xinyong.openapi.platform.search.SearchGateway;
import cn.xinyong.openapi.platform.security.DecisionSigner;
import cn.xinyong.openapi.readmodel.Dataset;
import cn.xinyong.openapi.readmodel.IndexManager;
import cn.xinyong.openapi.readmodel.PublicViews;
import cn.xinyong.openapi.readmodel.PublicationRules;
import cn.xinyong.openapi.readmodel.SubjectDocument;
import cn.xinyong.openapi.readmodel.SubjectStore;
import cn.xinyong.openapi.readmodel.record.EntityRecord;
import cn.xinyong.openapi.readmodel.record.ListEntryRecord;
import cn.xinyong.openapi.readmodel.view.CommitmentView;
import cn.xinyong.openapi.readmodel.view.Disclosure;
import cn.xinyong.openapi.readmodel.view.EntityOpenRecord;
import cn.xinyong.openapi.readmodel.view.LicenceView;
import cn.xinyong.openapi.readmodel.view.ListEntryView;
import cn.xinyong.openapi.readmodel.view.PenaltyView;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import org.jose4j.jwt.JwtClaims;

/**
 * Issues credit reports (信用报告) of organisations from the read model, signed (JSON) or rendered (PDF), and keeps
 * what verification needs in PostgreSQL: the number, a verification code, the subject, the time and the digest.
 */
@ApplicationScoped
public class ReportService {

    static final String JSON = "json";
    static final String PDF = "pdf";
    /** The most records of one kind a report lists (newest first); the platform's own reports go further. */
    static final int MOST_RECORDS = 500;
    private static final String CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** An issued report: the signed JSON or the PDF bytes, and its number. */
    public record Issued(String number, ReportViews.Signed json, byte[] pdf) {
    }

    private final SubjectStore store;
    private final PdfRenderers renderers;
    private final SearchGateway search;
    private final IndexManager indices;
    private final PublicViews views;
    private final DecisionSigner signer;
    private final TimeSource time;
    private final ObjectMapper mapper;

    ReportService(SubjectStore store, PdfRenderers renderers, SearchGateway search, IndexManager indices,
            PublicViews views, DecisionSigner signer, TimeSource time, ObjectMapper mapper) {
        this.store = store;
        this.renderers = renderers;
        this.search = search;
        this.indices = indices;
        this.views = views;
        this.signer = signer;
        this.time = time;
        this.mapper = mapper;
    }

    /** Issues the organisation's report in the format asked; 404 when no public entity has the code. */
    public Uni<Issued> issue(String uscc, String format, String verifyBase) {
        Executor back = CallerContext.executor();
        Instant now = time.now().truncatedTo(ChronoUnit.MICROS);
        LocalDate today = time.today();
        // The number first (a sequence, no transaction), the rendering with no connection held, then the row.
        return store.subject(uscc).flatMap(doc -> {
            EntityRecord entity = doc.entity().orElseThrow(() -> ApiProblem.entityNotFound(uscc));
            return disclosures(uscc, today).map(found -> new Draft(doc, entity, found));
        }).emitOn(back).flatMap(draft -> Database.session(this::nextNumber).flatMap(seq -> {
            String number = "XY-" + DAY.format(now.atZone(ZoneId.of("Asia/Shanghai"))) + "-" + String.format("%06d", seq);
            String code = code();
            ReportViews.Report report = assemble(draft, number, code, now, today,
                    verifyBase + "/v1/credit-reports/" + number + "/verification?code=" + code);
            Uni<Issued> rendered = PDF.equals(format)
                    ? renderers.render(report).map(pdf -> new Issued(number, null, pdf)).emitOn(back)
                    : Uni.createFrom().item(() -> new Issued(number, new ReportViews.Signed(report, sign(report)), null));
            return rendered.flatMap(issued -> {
                IssuedReport row = new IssuedReport();
                row.number = number;
                row.code = code;
                row.subject = uscc;
                row.subjectName = draft.entity().name();
                row.format = format;
                row.digest = digest(issued.pdf() != null ? issued.pdf()
                        : issued.json().token().getBytes(StandardCharsets.US_ASCII));
                row.issuedAt = now;
                return Database.transaction(row::persist).replaceWith(issued);
            });
        }));
    }

    /** The issued report with this number and code; a null item when there is none (or the code is wrong). */
    public Uni<IssuedReport> find(String number, String code) {
        return Database.session(() -> IssuedReport.<IssuedReport>findById(number))
                .map(r -> r != null && code != null && MessageDigest.isEqual(r.code.getBytes(StandardCharsets.US_ASCII),
                        code.strip().toUpperCase().getBytes(StandardCharsets.US_ASCII)) ? r : null);
    }

    static String digest(byte[] bytes) {
        return cn.xinyong.openapi.platform.text.Sha256.hex(bytes);
    }

    private record Found(List<LicenceView> licences, List<PenaltyView> penalties, List<CommitmentView> commitments) {
    }

    private record Draft(SubjectDocument doc, EntityRecord entity, Found found) {
    }

    private ReportViews.Report assemble(Draft d, String number, String code, Instant now, LocalDate today, String verifyAt) {
        List<ListEntryView> lists = new ArrayList<>();
        for (SubjectDocument.Entry<ListEntryRecord> e : d.doc().listEntries()) {
            if (!e.withdrawn() && PublicationRules.listMembershipCurrent(e.record(), today)) {
                lists.add(PublicViews.listEntry(d.doc(), e, today));
            }
        }
        EntityRecord e = d.entity();
        EntityOpenRecord subject = new EntityOpenRecord(e.uscc(), null, e.name(), e.kind(), e.status(), e.legalRepresentative(),
                e.registrationAuthority(), e.regionCode(), e.registeredOn(), e.industry(), e.address(),
                e.creditGrade() == null ? null : e.creditGrade().grade(), e.creditGrade());
        Found f = d.found();
        boolean none = lists.isEmpty() && f.licences().isEmpty() && f.penalties().isEmpty() && f.commitments().isEmpty();
        return new ReportViews.Report(number, now, d.doc().dataAsOf() == null ? now : d.doc().dataAsOf(), code, verifyAt,
                subject, e.creditGrade(), lists, f.licences(), f.penalties(), f.commitments(),
                none ? "No public credit records beyond the registration (无公示的信用记录)" : null);
    }

    /** The subject's public licences, penalties and commitments, newest first, in one round trip. */
    private Uni<Found> disclosures(String uscc, LocalDate today) {
        List<Dataset> kinds = List.of(Dataset.LICENCE, Dataset.PENALTY, Dataset.COMMITMENT);
        List<SearchGateway.Search> searches = new ArrayList<>();
        for (Dataset kind : kinds) {
            ObjectNode query = mapper.createObjectNode().put("size", MOST_RECORDS);
            ObjectNode bool = PublicationRules.publicBool(kind, today);
            ((ObjectNode) bool.get("bool")).withArray("filter").add(PublicationRules.term("subjectId", uscc));
            query.set("query", bool);
            query.putArray("sort").addObject().put(kind.dateField(), "desc");
            searches.add(new SearchGateway.Search(indices.alias(kind), query));
        }
        return search.multiSearch(searches).map(response -> {
            List<List<Disclosure>> out = new ArrayList<>();
            for (int i = 0; i < kinds.size(); i++) {
                List<Disclosure> records = new ArrayList<>();
                for (JsonNode hit : response.path("responses").path(i).path("hits").path("hits")) {
                    records.add(views.disclosure(kinds.get(i), hit.path("_source")));
                }
                out.add(records);
            }
            return new Found(out.get(0).stream().map(LicenceView.class::cast).toList(),
                    out.get(1).stream().map(PenaltyView.class::cast).toList(),
                    out.get(2).stream().map(CommitmentView.class::cast).toList());
        });
    }

    @SuppressWarnings("unchecked")
    private String sign(ReportViews.Report report) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(signer.issuer());
        claims.setJwtId(report.number());
        claims.setSubject(report.subject().uscc());
        claims.setAudience("credit-report");
        claims.setIssuedAt(org.jose4j.jwt.NumericDate.fromMilliseconds(report.issuedAt().toEpochMilli()));
        claims.setClaim("report", mapper.convertValue(report, Map.class));
        return signer.sign(claims);
    }

    private Uni<Long> nextNumber() {
        return Panache.getSession().flatMap(s -> s.createNativeQuery("select nextval('credit_report_seq')", Long.class)
                .getSingleResult());
    }

    private static String code() {
        StringBuilder out = new StringBuilder(8);
        for (int i = 0; i < 8; i++) {
            out.append(CODE_ALPHABET.charAt(RANDOM.nextInt(CODE_ALPHABET.length())));
        }
        return out.toString();
    }
}
