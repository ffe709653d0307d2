package app.alongside.platform;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Prometheus alert rules in {@code ops/prometheus} are valid ({@code promtool check rules}) and fire as their
 * unit tests say ({@code promtool test rules}), and the example configuration loads them ({@code promtool check
 * config}). promtool comes from Debian's {@code prometheus} package, which
 * {@code .ci/run} installs; under {@code CI=true} a missing promtool fails this test instead of skipping it.
 */
class AlertRulesTest {
    static final Path RULES = Path.of("..", "ops", "prometheus", "alerts.yml");
    private static final Path TESTS = Path.of("..", "ops", "prometheus", "alerts.test.yml");
    private static final Path CONFIG = Path.of("..", "ops", "prometheus", "prometheus.yml");

    @Test
    void alertRulesAreValid() throws Exception {
        String out = promtool("check", "rules", RULES.toString());
        assertTrue(out.contains("SUCCESS"), out);
    }

    @Test
    void alertRulesFireAsTheirTestsSay() throws Exception {
        String out = promtool("test", "rules", TESTS.toString());
        assertTrue(out.contains("SUCCESS"), out);
    }

    @Test
    void theExampleScrapeConfigurationIsValid() throws Exception {
        String out = promtool("check", "config", CONFIG.toString());
        assertTrue(out.contains("is valid prometheus config file"), out);
    }

    private static String promtool(String... args) throws IOException, InterruptedException {
        Path promtool = findPromtool();
        List<String> command = new java.util.ArrayList<>(List.of(promtool.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "promtool did not finish");
        assertEquals(0, process.exitValue(), out);
        return out;
    }

    private static Path findPromtool() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, "promtool");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        String message = "promtool is not installed (apt-get install -y prometheus)";
        if ("true".equals(System.getenv("CI"))) {
            throw new AssertionError(message + "; .ci/run installs it");
        }
        Assumptions.abort(message);
        return null;
    }
}
