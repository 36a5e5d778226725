package cn.xinyong.openapi.eligibility;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RulesTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 25);

    private static SubjectFacts facts(String status, String grade, LocalDate registered, List<SubjectFacts.Listing> listings,
            List<SubjectFacts.Penalty> penalties, List<SubjectFacts.Commitment> commitments) {
        return new SubjectFacts("X", status, registered, grade, TODAY.minusMonths(1), listings, penalties, commitments);
    }

    private static final SubjectFacts CLEAN = facts("active", "A", TODAY.minusYears(5), List.of(), List.of(), List.of());

    @Test
    void notListedFailsOnACurrentListingWithItsId() {
        Rule rule = new Rule.NotListed(Set.of("judgmentDefaulter"));
        assertTrue(rule.evaluate(CLEAN, TODAY).passed());
        SubjectFacts listed = facts("active", "A", TODAY.minusYears(5),
                List.of(new SubjectFacts.Listing("LE-1", "judgmentDefaulter", TODAY.minusMonths(2), null, null)), List.of(), List.of());
        Rule.Outcome o = rule.evaluate(listed, TODAY);
        assertFalse(o.passed());
        assertEquals("LE-1", o.evidence().get(0).recordId());
        SubjectFacts removed = facts("active", "A", TODAY.minusYears(5),
                List.of(new SubjectFacts.Listing("LE-2", "judgmentDefaulter", TODAY.minusYears(2), null, TODAY.minusMonths(1))),
                List.of(), List.of());
        assertTrue(rule.evaluate(removed, TODAY).passed(), "a removed listing no longer counts");
    }

    @Test
    void minGradeComparesGradesAndHandlesUngraded() {
        assertTrue(new Rule.MinGrade("B", false).evaluate(CLEAN, TODAY).passed());
        SubjectFacts c = facts("active", "C", TODAY.minusYears(5), List.of(), List.of(), List.of());
        assertFalse(new Rule.MinGrade("B", false).evaluate(c, TODAY).passed());
        SubjectFacts none = facts("active", null, TODAY.minusYears(5), List.of(), List.of(), List.of());
        assertFalse(new Rule.MinGrade("B", false).evaluate(none, TODAY).passed());
        assertTrue(new Rule.MinGrade("B", true).evaluate(none, TODAY).passed());
    }

    @Test
    void noPenaltyLooksBackTheConfiguredMonths() {
        SubjectFacts f = facts("active", "A", TODAY.minusYears(5), List.of(),
                List.of(new SubjectFacts.Penalty("P-1", "serious", TODAY.minusMonths(20)),
                        new SubjectFacts.Penalty("P-2", "general", TODAY.minusMonths(2))), List.of());
        Rule.Outcome within = new Rule.NoPenalty(Set.of("serious"), 36).evaluate(f, TODAY);
        assertFalse(within.passed());
        assertEquals("P-1", within.evidence().get(0).recordId());
        assertTrue(new Rule.NoPenalty(Set.of("serious"), 12).evaluate(f, TODAY).passed());
    }

    @Test
    void registrationStatusAndCommitments() {
        SubjectFacts young = facts("active", "A", TODAY.minusMonths(3), List.of(), List.of(), List.of());
        assertFalse(new Rule.RegisteredFor(12).evaluate(young, TODAY).passed());
        assertTrue(new Rule.RegisteredFor(12).evaluate(CLEAN, TODAY).passed());
        SubjectFacts revoked = facts("revoked", "A", TODAY.minusYears(5), List.of(), List.of(), List.of());
        assertFalse(new Rule.Status(Set.of("active")).evaluate(revoked, TODAY).passed());
        SubjectFacts breached = facts("active", "A", TODAY.minusYears(5), List.of(), List.of(),
                List.of(new SubjectFacts.Commitment("C-1", "deficiencyAcceptance", TODAY.minusMonths(4), "breached")));
        Rule.Outcome o = new Rule.CommitmentsKept().evaluate(breached, TODAY);
        assertFalse(o.passed());
        assertEquals("C-1", o.evidence().get(0).recordId());
    }

    @Test
    void configurationThatDoesNotParseNamesTheRule() {
        SchemeParser parser = new SchemeParser(new ObjectMapper());
        String base = """
                {"schemes":[{"code":"xinyidai","name":"信易贷","rules":[%s]}]}""";
        assertEquals(1, parser.parse(base.formatted("{\"type\":\"minGrade\",\"grade\":\"B\"}").getBytes(StandardCharsets.UTF_8)).size());
        var e = assertThrows(SchemeParser.InvalidSchemes.class, () -> parser.parse(
                base.formatted("{\"type\":\"minGrade\",\"grade\":\"B\"},{\"type\":\"minGrade\",\"grade\":\"E\"}").getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains("scheme xinyidai rule 2 (minGrade)"), e.getMessage());
        e = assertThrows(SchemeParser.InvalidSchemes.class, () -> parser.parse(
                base.formatted("{\"type\":\"noPenaltee\"}").getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains("unknown rule type"), e.getMessage());
        e = assertThrows(SchemeParser.InvalidSchemes.class, () -> parser.parse(
                base.formatted("{\"type\":\"notListed\",\"lists\":[\"purpleList\"]}").getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains("purpleList"), e.getMessage());
        e = assertThrows(SchemeParser.InvalidSchemes.class, () -> parser.parse(
                base.formatted("{\"type\":\"noPenalty\",\"severities\":[\"serious\"],\"withinMonths\":\"many\"}").getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains("withinMonths"), e.getMessage());
        e = assertThrows(SchemeParser.InvalidSchemes.class, () -> parser.parse(
                base.formatted("{\"type\":\"status\",\"allowed\":[\"active\"],\"strict\":true}").getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains("unknown field 'strict'"), e.getMessage());
        assertThrows(SchemeParser.InvalidSchemes.class, () -> parser.parse(base.formatted("").getBytes(StandardCharsets.UTF_8)));
        assertThrows(SchemeParser.InvalidSchemes.class, () -> parser.parse("{".getBytes(StandardCharsets.UTF_8)));
    }
}
