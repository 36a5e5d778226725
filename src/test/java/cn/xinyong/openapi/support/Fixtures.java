package cn.xinyong.openapi.support;

import static io.restassured.RestAssured.given;

import cn.xinyong.openapi.ingest.IngestReport;
import cn.xinyong.openapi.platform.id.OrganizationCode;
import cn.xinyong.openapi.platform.id.Uscc;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/** Test data: fresh valid codes and feed lines, sent through the real ingest endpoint. */
public final class Fixtures {

    private static final AtomicLong COUNTER = new AtomicLong(System.nanoTime() % 10_000_000L);

    private Fixtures() {
    }

    /** A fresh, valid 居民身份证号码 (Beijing Chaoyang, born 1950-2000), random enough not to meet another test's. */
    public static String residentId() {
        String first17 = String.format("110105%08d%03d", 19500101 + (int) (Math.random() * 500000) % 500000,
                (int) (Math.random() * 1000)).substring(0, 17);
        return first17 + cn.xinyong.openapi.platform.id.ResidentId.checkCharacter(first17);
    }

    /** A valid, never-before-used 统一社会信用代码 for an enterprise in the given district. */
    public static String newUscc(String regionCode) {
        String body = String.format("%08d", COUNTER.incrementAndGet() % 100_000_000L);
        String first17 = "91" + regionCode + body + OrganizationCode.checkCharacter(body);
        return first17 + Uscc.checkCharacter(first17);
    }

    public static String entity(String uscc, String name, long version) {
        return entity(uscc, name, version, "legalPerson", "active", "420103");
    }

    public static String entity(String uscc, String name, long version, String kind, String status, String region) {
        return """
                {"dataset":"entity","op":"upsert","id":"E-%s","version":%d,"data":{"uscc":"%s","name":"%s",\
                "kind":"%s","legalRepresentative":"张伟","registrationAuthority":"武汉市江汉区市场监督管理局",\
                "regionCode":"%s","registeredOn":"2015-03-02","status":"%s","industry":"商贸",\
                "creditGrade":{"grade":"A","ratedOn":"2026-01-05","evaluatedBy":"武汉市发展和改革委员会"}}}"""
                .formatted(uscc, version, uscc, name, kind, region, status);
    }

    public static String penalty(String id, String uscc, long version, String severity, String decided, String end) {
        return """
                {"dataset":"penalty","op":"upsert","id":"%s","version":%d,"data":{"subjectId":"%s","subjectName":"测试",\
                "decisionNumber":"武市监罚〔2026〕%s号","violationType":"虚假宣传","categories":["fine"],\
                "fineAmount":1.5,"decisionDate":"%s",%s"authority":"武汉市市场监督管理局","severity":"%s"}}"""
                .formatted(id, version, uscc, id, decided, end == null ? "" : "\"publicationEnd\":\"" + end + "\",",
                        severity);
    }

    /** A person's own record (never public), decided on the given day. */
    public static String personRecord(String id, String residentId, String kind, java.time.LocalDate decidedOn) {
        return """
                {"dataset":"personRecord","op":"upsert","id":"%s","version":1,"data":{"residentId":"%s","kind":"%s",\
                "summary":"测试记录","authority":"北京市东城区人民法院","decidedOn":"%s"}}""".formatted(id, residentId, kind,
                decidedOn);
    }

    public static String licence(String id, String uscc, long version) {
        return """
                {"dataset":"licence","op":"upsert","id":"%s","version":%d,"data":{"subjectId":"%s","subjectName":"测试",\
                "documentNumber":"许准字-%s","category":"general","certificateName":"食品经营许可证",\
                "decisionDate":"2025-06-01","validFrom":"2025-06-01","validTo":"2030-05-31",\
                "authority":"武汉市市场监督管理局"}}""".formatted(id, version, uscc, id);
    }

    public static String listEntry(String id, String uscc, long version, String list, String listed, String removeBy,
            String removed) {
        return """
                {"dataset":"listEntry","op":"upsert","id":"%s","version":%d,"data":{"list":"%s","subjectId":"%s",\
                "subjectName":"测试","reason":"测试原因","authority":"武汉市发展和改革委员会","listedOn":"%s"%s%s}}"""
                .formatted(id, version, list, uscc, listed,
                        removeBy == null ? "" : ",\"removeBy\":\"" + removeBy + "\"",
                        removed == null ? "" : ",\"removedOn\":\"" + removed + "\"");
    }

    public static String commitment(String id, String uscc, long version, String type, String fulfilment) {
        return """
                {"dataset":"commitment","op":"upsert","id":"%s","version":%d,"data":{"subjectId":"%s","subjectName":"测试",\
                "type":"%s","content":"承诺内容, 含逗号和\\"引号\\"","committedOn":"2026-02-01","authority":"武汉市发展和改革委员会",\
                "fulfilment":"%s"}}""".formatted(id, version, uscc, type, fulfilment);
    }

    public static String withdraw(String dataset, String id, String uscc, long version, String reason) {
        return """
                {"dataset":"%s","op":"withdraw","id":"%s","version":%d,"subjectId":"%s","reason":"%s"}"""
                .formatted(dataset, id, version, uscc, reason);
    }

    /** Sends lines to the ingest endpoint (searchable on return) and returns its report. */
    public static IngestReport ingest(String... lines) {
        return given().header("Authorization", "Bearer " + LocalInfraResource.INGEST_TOKEN)
                .contentType("application/x-ndjson")
                .body((String.join("\n", Arrays.asList(lines)) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .queryParam("refresh", true)
                .when().post("/internal/ingest")
                .then().statusCode(200)
                .extract().as(IngestReport.class);
    }
}
