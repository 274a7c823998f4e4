package io.p3protocol.app.graphql;

import io.p3protocol.app.support.IntegrationTest;
import io.p3protocol.app.support.TestApi;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * GraphiQL and Swagger UI in a real headless Chromium (tools/browser/graphiql-check.mjs), with every non-loopback
 * request blocked. Needs what tools/browser/install.sh installs; without it the test is skipped, unless
 * {@code P3_REQUIRE_BROWSER=1} (CI sets it after running install.sh), where it fails instead.
 */
@IntegrationTest
class GraphiqlBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @LocalServerPort
    int port;

    @Test
    void graphiqlRunsATypedQueryAndSwaggerUiListsTheOperationsWithoutNetwork() throws Exception {
        Path root = repositoryRoot();
        requireBrowserTools(root);
        TestApi api = new TestApi(port);
        String tenantName = "browser-" + UUID.randomUUID().toString().substring(0, 8);
        String tenant = api.createTenant(tenantName);
        // A tenant key sees only its own tenant, so the first page shows ours whatever other tests created.
        String key = api.issueKey(tenant, "viewer").get("apiKey").asText();
        new GraphQlHttp(api).await(key, "{ tenants(first: 5) { edges { node { name } } } }", Map.of(),
                r -> r.toString().contains(tenantName));
        Path outDir = root.resolve("app/target/browser");
        Files.createDirectories(outDir);
        Files.deleteIfExists(outDir.resolve("graphiql.png"));
        Files.deleteIfExists(outDir.resolve("swagger-ui.png"));
        Path log = outDir.resolve("graphiql-check.log");

        ProcessBuilder check = new ProcessBuilder("node", "tools/browser/graphiql-check.mjs",
                "--base-url", api.base(), "--expect-tenant", tenantName, "--out-dir", outDir.toString())
                .directory(root.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        check.environment().put("P3_BROWSER_API_KEY", key);
        Process process = check.start();
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            fail("the browser check did not finish within 3 minutes; output so far:\n" + Files.readString(log));
        }

        String output = Files.readString(log);
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("graphiql-check: OK").doesNotContain(key);
        assertThat(Files.size(outDir.resolve("graphiql.png"))).isPositive();
        assertThat(Files.size(outDir.resolve("swagger-ui.png"))).isPositive();
    }

    private static void requireBrowserTools(Path root) {
        List<String> missing = new ArrayList<>();
        if (!Files.isExecutable(CHROMIUM)) {
            missing.add(CHROMIUM + " (Debian package chromium)");
        }
        if (!Files.isDirectory(root.resolve("tools/browser/node_modules/playwright-core"))) {
            missing.add("tools/browser/node_modules/playwright-core");
        }
        if (!nodeRuns()) {
            missing.add("node");
        }
        if (missing.isEmpty()) {
            return;
        }
        String why = "real-browser test needs " + String.join(", ", missing) + ": run tools/browser/install.sh";
        if ("1".equals(System.getenv("P3_REQUIRE_BROWSER"))) {
            fail(why + " (P3_REQUIRE_BROWSER=1 makes this a failure, not a skip)");
        }
        Assumptions.abort(why);
    }

    private static boolean nodeRuns() {
        try {
            Process node = new ProcessBuilder("node", "--version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return node.waitFor(30, TimeUnit.SECONDS) && node.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Surefire runs in the app module; the tools live at the repository root. */
    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("tools/browser/graphiql-check.mjs"))) {
                return dir;
            }
        }
        throw new IllegalStateException("tools/browser/graphiql-check.mjs not found above " + Path.of("").toAbsolutePath());
    }
}
