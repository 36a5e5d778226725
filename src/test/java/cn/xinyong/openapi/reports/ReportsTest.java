package cn.xinyong.openapi.reports;

import static cn.xinyong.openapi.support.Fixtures.commitment;
import static cn.xinyong.openapi.support.Fixtures.entity;
import static cn.xinyong.openapi.support.Fixtures.ingest;
import static cn.xinyong.openapi.support.Fixtures.licence;
import static cn.xinyong.openapi.support.Fixtures.listEntry;
import static cn.xinyong.openapi.support.Fixtures.newUscc;
import static cn.xinyong.openapi.support.Fixtures.penalty;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.xinyong.openapi.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.Test;

/** 信用报告 over the real servers: issued as signed JSON and as PDF, verified by number, code and digest. */
@QuarkusTest
class ReportsTest {

    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));

    private static String org(String uscc) {
        return Tokens.bearer(Tokens.organisation(uscc));
    }

    private static String withRecords(String name) {
        String uscc = newUscc("420103");
        ingest(entity(uscc, name, 1), licence("LI-RP-" + uscc, uscc, 1),
                penalty("PN-RP-" + uscc, uscc, 1, "general", TODAY.minusMonths(2).toString(), TODAY.plusYears(1).toString()),
                listEntry("LE-RP-" + uscc, uscc, 1, "keyAttention", TODAY.minusMonths(1).toString(), null, null),
                commitment("CM-RP-" + uscc, uscc, 1, "certificateSubstitute", "fulfilled"));
        return uscc;
    }

    @Test
    void theJsonReportIsSignedAndVerifiesOfflineAndByNumber() throws Exception {
        String uscc = withRecords("武汉市信用报告测试有限公司");
        JsonPath signed = given().header("Authorization", org(uscc)).get("/v1/credit-report").then().statusCode(200)
                .header("Cache-Control", "no-store").extract().jsonPath();
        String number = signed.getString("report.number");
        assertTrue(number.matches("XY-\\d{8}-\\d{6}"), number);
        assertEquals(List.of("PN-RP-" + uscc), signed.getList("report.penalties.id"));
        assertEquals(List.of("LE-RP-" + uscc), signed.getList("report.lists.id"));
        assertEquals(1, signed.getList("report.licences").size());
        assertEquals(1, signed.getList("report.commitments").size());

        String jwks = given().get("/v1/xinyi/jwks").then().statusCode(200).extract().asString();
        JwtClaims claims = new JwtConsumerBuilder()
                .setVerificationKeyResolver(new JwksVerificationKeyResolver(new JsonWebKeySet(jwks).getJsonWebKeys()))
                .setExpectedAudience("credit-report").build().processToClaims(signed.getString("token"));
        assertEquals(number, claims.getJwtId());
        assertEquals(uscc, claims.getSubject());
        @SuppressWarnings("unchecked")
        Map<String, Object> report = (Map<String, Object>) claims.getClaimValue("report");
        assertEquals(signed.getMap("report.subject"), report.get("subject"), "the token holds the report as answered");

        String code = signed.getString("report.verificationCode");
        given().queryParam("code", code).get("/v1/credit-reports/" + number + "/verification").then().statusCode(200)
                .body("authentic", equalTo(true)).body("subject", equalTo(uscc)).body("format", equalTo("json"))
                .body("digest", equalTo(ReportService.digest(signed.getString("token").getBytes())));
        given().queryParam("code", "WRONG234").get("/v1/credit-reports/" + number + "/verification").then().statusCode(404);
        given().queryParam("code", code).get("/v1/credit-reports/XY-20000101-999999/verification").then().statusCode(404);
    }

    @Test
    void thePdfReportCarriesTheSubjectItsRecordsAndItsNumberAndAnAlteredCopyFailsByDigest() throws Exception {
        String uscc = withRecords("武汉市PDF报告测试有限公司");
        Response response = given().header("Authorization", org(uscc)).get("/v1/credit-report.pdf");
        response.then().statusCode(200).contentType("application/pdf");
        String number = response.header("X-Report-Number");
        byte[] pdf = response.asByteArray();
        String text;
        try (var doc = Loader.loadPDF(pdf)) {
            assertEquals(org.apache.pdfbox.pdmodel.common.PDRectangle.A4.getWidth(),
                    doc.getPage(0).getMediaBox().getWidth(), 0.5, "A4");
            text = new PDFTextStripper().getText(doc);
        }
        for (String expected : List.of("信用报告", "武汉市PDF报告测试有限公司", uscc, number, "PN-RP-" + uscc, "LE-RP-" + uscc,
                "重点关注对象名单", "行政处罚")) {
            assertTrue(text.contains(expected), "the PDF's text holds " + expected + ":\n" + text);
        }
        String code = text.replaceAll("(?s).*验证码：([A-Z0-9]{8}).*", "$1");
        given().queryParam("code", code).contentType("application/pdf").body(pdf)
                .post("/v1/credit-reports/" + number + "/verification").then().statusCode(200)
                .body("format", equalTo("pdf")).body("matches", equalTo(true));
        byte[] altered = pdf.clone();
        altered[altered.length / 2] ^= 0x01;
        given().queryParam("code", code).contentType("application/pdf").body(altered)
                .post("/v1/credit-reports/" + number + "/verification").then().statusCode(200)
                .body("authentic", equalTo(true)).body("matches", equalTo(false));
    }

    @Test
    void anEntityWithNoPublicRecordsStillGetsAReportThatSaysSoAndOthersAreRefused() throws Exception {
        String uscc = newUscc("420103");
        ingest(entity(uscc, "武汉市无记录测试有限公司", 1));
        given().header("Authorization", org(uscc)).get("/v1/credit-report").then().statusCode(200)
                .body("report.note", equalTo("No public credit records beyond the registration (无公示的信用记录)"));
        byte[] pdf = given().header("Authorization", org(uscc)).get("/v1/credit-report.pdf").then().statusCode(200)
                .extract().asByteArray();
        try (var doc = Loader.loadPDF(pdf)) {
            assertTrue(new PDFTextStripper().getText(doc).contains("无公示的信用记录"));
        }
        given().header("Authorization", org(newUscc("420103"))).get("/v1/credit-report").then().statusCode(404);
        given().get("/v1/credit-report").then().statusCode(401);
        given().header("Authorization", Tokens.bearer(Tokens.partner("bank-report", "unlimited", "screening")))
                .get("/v1/credit-report").then().statusCode(403);
    }
}
