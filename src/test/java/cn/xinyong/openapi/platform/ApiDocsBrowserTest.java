package cn.xinyong.openapi.platform;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The API docs page in a real browser (Debian's chromium through its chromedriver, installed by
 * {@code bin/browser} when missing): every operation of the contract is listed, and an anonymous call made
 * from the page gets its answer.
 */
@QuarkusTest
class ApiDocsBrowserTest {

    @TestHTTPResource("/docs")
    URL docs;

    @Test
    void theDocsPageListsEveryOperationAndAnAnonymousCallFromItIsAnswered() throws Exception {
        List<String> browser = installBrowser();
        Set<String> operations = operationIds();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browser.get(0));
        Path profile = Files.createTempDirectory("docs-browser");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(browser.get(1)))
                .usingAnyFreePort().build();
        WebDriver driver = new ChromeDriver(service, options);
        try {
            // 127.0.0.1, not localhost: the page's own calls then come from the suite's exempt loopback address.
            driver.get(docs.toString().replace("localhost", "127.0.0.1"));
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(60));
            wait.until(d -> d.findElements(By.cssSelector(".opblock")).size() >= operations.size());
            Set<String> listed = driver.findElements(By.cssSelector(".opblock .opblock-summary-operation-id")).stream()
                    .map(WebElement::getText).map(String::strip).collect(Collectors.toCollection(TreeSet::new));
            assertEquals(operations, listed, "every operation of the contract is on the page");

            WebElement matters = driver.findElement(By.cssSelector("[id$='-listMatters']"));
            matters.findElement(By.cssSelector(".opblock-summary")).click();
            wait.until(d -> !matters.findElements(By.cssSelector(".try-out__btn")).isEmpty());
            matters.findElement(By.cssSelector(".try-out__btn")).click();
            wait.until(d -> !matters.findElements(By.cssSelector(".execute")).isEmpty());
            matters.findElement(By.cssSelector(".execute")).click();
            wait.until(d -> matters.findElements(By.cssSelector(".live-responses-table .response-col_status")).stream()
                    .anyMatch(e -> e.getText().strip().startsWith("200")));
            String answer = matters.findElement(By.cssSelector(".live-responses-table")).getText();
            assertTrue(answer.contains("bidding") && answer.contains("招标投标"), answer);
        } finally {
            driver.quit();
            service.stop();
        }
    }

    /** The operation ids of the running service's contract (which the contract test keeps equal to the file). */
    @SuppressWarnings("unchecked")
    private static Set<String> operationIds() {
        Map<String, Map<String, Object>> paths = JsonPath.from(given().queryParam("format", "json").get("/q/openapi")
                .then().statusCode(200).extract().asString()).getMap("paths");
        Set<String> ids = new TreeSet<>();
        paths.values().forEach(p -> p.values().forEach(op -> {
            if (op instanceof Map<?, ?> m && m.get("operationId") != null) {
                ids.add(String.valueOf(m.get("operationId")));
            }
        }));
        assertTrue(ids.size() > 30, "the contract lists the service's operations: " + ids);
        return ids;
    }

    /** Runs bin/browser, which installs Debian's chromium and chromium-driver when missing; their paths. */
    private static List<String> installBrowser() throws IOException, InterruptedException {
        Path root = Path.of("").toAbsolutePath();
        Process p = new ProcessBuilder(root.resolve("bin/browser").toString()).redirectError(
                ProcessBuilder.Redirect.appendTo(root.resolve("target/browser-install.log").toFile())).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), "bin/browser could not provide chromium (see target/browser-install.log)");
        return out.lines().toList();
    }
}
