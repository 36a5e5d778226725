package cn.xinyong.openapi.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The committed contract lints clean: {@code bin/lint-contract} (Redocly CLI, the recommended rules with
 * warnings as errors, see openapi/redocly.yaml) must find nothing.
 */
class ContractLintTest {

    @Test
    void theCommittedContractLintsWithoutErrorsOrWarnings() throws Exception {
        Process lint = new ProcessBuilder(Path.of("bin/lint-contract").toAbsolutePath().toString())
                .redirectErrorStream(true).start();
        String output = new String(lint.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(lint.waitFor(5, TimeUnit.MINUTES), "the linter did not finish");
        assertEquals(0, lint.exitValue(), output);
        assertTrue(output.contains("openapi/openapi.yaml: validated"), output);
    }
}
