package cn.xinyong.openapi.rights;

import static cn.xinyong.openapi.support.Fixtures.entity;
import static cn.xinyong.openapi.support.Fixtures.ingest;
import static cn.xinyong.openapi.support.Fixtures.listEntry;
import static cn.xinyong.openapi.support.Fixtures.newUscc;
import static cn.xinyong.openapi.support.Fixtures.penalty;
import static cn.xinyong.openapi.support.Fixtures.personRecord;
import static cn.xinyong.openapi.support.Fixtures.residentId;
import static cn.xinyong.openapi.support.Fixtures.withdraw;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.xinyong.openapi.support.LocalInfraResource;
import cn.xinyong.openapi.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** 异议 over the real servers: filed by the subject, decided by the platform step by step, shown on the record. */
@QuarkusTest
class ObjectionsTest {

    private static final String INTERNAL = "Bearer " + LocalInfraResource.INGEST_TOKEN;
    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));

    private static String org(String uscc) {
        return Tokens.bearer(Tokens.organisation(uscc));
    }

    private static JsonPath file(String token, String dataset, String recordId, int status) {
        return given().header("Authorization", token).contentType("application/json")
                .body(Map.of("dataset", dataset, "recordId", recordId, "reason", "该记录的主体认定有误",
                        "evidence", List.of("法院撤销裁定书（2026）鄂01执异12号")))
                .post("/v1/objections").then().statusCode(status).contentType(status == 201 ? "application/json"
                        : "application/problem+json").extract().jsonPath();
    }

    private static JsonPath decide(String number, String status, String note, int expected) {
        return given().header("Authorization", INTERNAL).contentType("application/json")
                .body(note == null ? Map.of("status", status) : Map.of("status", status, "note", note))
                .post("/internal/applications/" + number + "/status").then().statusCode(expected).extract().jsonPath();
    }

    private static JsonPath membership(String uscc) {
        return given().get("/v1/entities/" + uscc + "/lists").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void anObjectionGoesThroughItsWholeLifecycleAndTheRecordIsDisputedWhileItIsReviewed() {
        String uscc = newUscc("420103");
        String entry = "LE-O-" + uscc;
        ingest(entity(uscc, "武汉市异议测试有限公司", 1),
                listEntry(entry, uscc, 1, "judgmentDefaulter", TODAY.minusMonths(2).toString(), null, null));

        JsonPath filed = file(org(uscc), "listEntry", entry, 201);
        String number = filed.getString("number");
        assertTrue(number.matches("YY-\\d{8}-\\d{6}"), number);
        assertTrue(filed.getString("status").equals("submitted") && filed.getList("history").size() == 1);
        given().header("Authorization", org(uscc)).get("/v1/objections").then().statusCode(200)
                .body("number", hasItem(number)).body("find { it.number == '" + number + "' }.organisation", equalTo(uscc));
        given().header("Authorization", INTERNAL).get("/internal/applications?limit=1000").then().statusCode(200)
                .body("items.number", hasItem(number));
        // not yet under review: the record is not disputed
        assertNotDisputed(uscc, entry);

        String before = feedEnd();
        String etag = given().get("/v1/entities/" + uscc).then().statusCode(200).extract().header("ETag");
        decide(number, "accepted", "已受理，转数据提供单位核查", 200);
        // The mark is on the same version with a new feed position: the profile's validator changes with it.
        given().header("If-None-Match", etag).get("/v1/entities/" + uscc).then().statusCode(200);
        assertTrue(TODAY.toString().equals(membership(uscc).getString(
                "current.find { it.id == '" + entry + "' }.disputedSince")), "disputed from the day it was accepted");
        given().queryParam("since", before).get("/v1/feeds/list-entries").then().statusCode(200)
                .body("items.find { it.id == '" + entry + "' }.record.disputedSince", equalTo(TODAY.toString()));
        decide(number, "accepted", null, 200); // a retry changes nothing
        decide(number, "verifying", null, 200);
        JsonPath upheld = decide(number, "upheld", "数据提供单位确认认定有误，予以撤销", 200);
        assertTrue(upheld.getList("history.status").equals(List.of("submitted", "accepted", "verifying", "upheld")));
        given().header("Authorization", org(uscc)).get("/v1/objections/" + number).then().statusCode(200)
                .body("status", equalTo("upheld")).body("history[3].note", containsString("撤销"))
                .body("history.at", not(hasItem(nullValue())));

        // The platform follows with the withdrawal through the feed.
        ingest(withdraw("listEntry", entry, uscc, 2, "objectionUpheld"));
        given().get("/v1/entities/" + uscc + "/lists").then().statusCode(200)
                .body("current.id", not(hasItem(entry))).body("past.id", not(hasItem(entry)));
    }

    @Test
    void aDismissedObjectionLiftsTheMarkAndStepsOutOfOrderAreRefused() {
        String uscc = newUscc("420103");
        String entry = "LE-D-" + uscc;
        ingest(entity(uscc, "武汉市驳回测试有限公司", 1),
                listEntry(entry, uscc, 1, "judgmentDefaulter", TODAY.minusMonths(2).toString(), null, null));
        String number = file(org(uscc), "listEntry", entry, 201).getString("number");
        decide(number, "dismissed", null, 409);
        decide(number, "verifying", null, 409);
        file(org(uscc), "listEntry", entry, 409); // one open objection per record
        decide(number, "accepted", null, 200);
        decide(number, "verifying", null, 200);
        assertTrue(TODAY.toString().equals(membership(uscc).getString(
                "current.find { it.id == '" + entry + "' }.disputedSince")));
        decide(number, "dismissed", "核查无误，维持原记录", 200);
        assertNotDisputed(uscc, entry);
        decide(number, "accepted", null, 409);
        decide("YY-20000101-999999", "accepted", null, 404);
    }

    @Test
    void onlyTheSubjectMayObjectAndBadInputIsNamed() {
        String mine = newUscc("420103");
        String theirs = newUscc("420103");
        ingest(entity(mine, "武汉市本方测试有限公司", 1), entity(theirs, "武汉市他方测试有限公司", 1),
                penalty("PN-T-" + theirs, theirs, 1, "general", TODAY.minusMonths(1).toString(),
                        TODAY.plusYears(1).toString()));
        JsonPath refused = file(org(mine), "penalty", "PN-T-" + theirs, 403);
        assertTrue(!refused.getString("detail").contains(theirs), "says nothing about the record");
        file(org(mine), "penalty", "PN-NONE-" + mine, 404);
        file(org(mine), "personRecord", "PR-X", 400);
        given().header("Authorization", org(mine)).contentType("application/json")
                .body(Map.of("dataset", "penalty", "recordId", "PN-T-" + theirs, "reason", "长".repeat(2001),
                        "evidence", new ArrayList<>(java.util.Collections.nCopies(21, "证据"))))
                .post("/v1/objections").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", contains("evidence", "reason"));
        given().header("Authorization", org(theirs)).get("/v1/objections/YY-20000101-999999").then().statusCode(404);
        given().get("/v1/objections").then().statusCode(401);
    }

    @Test
    void aResidentObjectsToTheirOwnPersonalRecordOnly() {
        String person = residentId();
        String other = residentId();
        ingest(personRecord("PR-O-" + person.substring(10), person, "judgmentDefaulter", TODAY.minusMonths(1)),
                personRecord("PR-O-" + other.substring(10), other, "judgmentDefaulter", TODAY.minusMonths(1)));
        String resident = Tokens.bearer(Tokens.subject("app-user-objection", person));
        JsonPath filed = file(resident, "personRecord", "PR-O-" + person.substring(10), 201);
        assertTrue(filed.get("organisation") == null);
        file(resident, "personRecord", "PR-O-" + other.substring(10), 403);
        file(resident, "penalty", "PN-ANY", 400);
        given().header("Authorization", resident).get("/v1/objections").then().statusCode(200)
                .body("number", contains(filed.getString("number")));
        String log = given().header("Authorization", INTERNAL).get("/internal/applications?limit=1000").asString();
        assertTrue(!log.contains(person), "the platform's feed never carries the ID");
    }

    private static void assertNotDisputed(String uscc, String entry) {
        JsonPath lists = membership(uscc);
        assertTrue(lists.getList("current.id").contains(entry), "the entry is current");
        assertTrue(lists.get("current.find { it.id == '" + entry + "' }.disputedSince") == null, "and not disputed");
    }

    /** The list-entry feed's current end: what a mirror that is up to date holds as its position. */
    private static String feedEnd() {
        JsonPath p = given().queryParam("limit", 1000).get("/v1/feeds/list-entries").then().statusCode(200)
                .extract().jsonPath();
        while (p.getBoolean("more")) {
            p = given().queryParam("limit", 1000).queryParam("since", p.getString("position"))
                    .get("/v1/feeds/list-entries").then().statusCode(200).extract().jsonPath();
        }
        return p.getString("position");
    }
}
