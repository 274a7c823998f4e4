package io.p3protocol.kernel.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.fail;

/**
 * Runs tools/noble/kem-interop.mjs ({@code @noble/post-quantum}) once per operation: a JSON request on stdin, a
 * JSON answer on stdout. Without node or tools/noble/node_modules the calling test is skipped, unless
 * {@code P3_REQUIRE_NOBLE=1} (CI sets it after tools/noble/install.sh), where it fails instead.
 */
final class NobleKem {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCRIPT = "tools/noble/kem-interop.mjs";

    private final Path root;

    private NobleKem(Path root) {
        this.root = root;
    }

    static NobleKem requireInstalled() {
        Path root = repositoryRoot();
        List<String> missing = new ArrayList<>();
        if (!Files.isDirectory(root.resolve("tools/noble/node_modules/@noble/post-quantum"))) {
            missing.add("tools/noble/node_modules/@noble/post-quantum");
        }
        if (!nodeRuns()) {
            missing.add("node");
        }
        if (!missing.isEmpty()) {
            String why = "the noble interop test needs " + String.join(", ", missing) + ": run tools/noble/install.sh";
            if ("1".equals(System.getenv("P3_REQUIRE_NOBLE"))) {
                fail(why + " (P3_REQUIRE_NOBLE=1 makes this a failure, not a skip)");
            }
            Assumptions.abort(why);
        }
        return new NobleKem(root);
    }

    record Failure(int exitCode, String stderr) {
    }

    /** One operation; byte values in {@code request} may be byte[] (sent as base64). */
    JsonNode run(Map<String, Object> request) throws IOException, InterruptedException {
        Object result = execute(request);
        if (result instanceof Failure failure) {
            fail(SCRIPT + " " + request.get("op") + " failed (exit " + failure.exitCode() + "): " + failure.stderr());
        }
        return (JsonNode) result;
    }

    /** For operations noble must refuse: fails the test if noble answers instead. */
    Failure runExpectingFailure(Map<String, Object> request) throws IOException, InterruptedException {
        Object result = execute(request);
        if (result instanceof Failure failure) {
            return failure;
        }
        throw new AssertionError(SCRIPT + " " + request.get("op") + " unexpectedly succeeded: " + result);
    }

    private Object execute(Map<String, Object> request) throws IOException, InterruptedException {
        Map<String, Object> wire = new java.util.LinkedHashMap<>();
        request.forEach((k, v) -> wire.put(k, v instanceof byte[] b ? Base64.getEncoder().encodeToString(b) : v));
        Process process = new ProcessBuilder("node", SCRIPT).directory(root.toFile()).start();
        try (OutputStream stdin = process.getOutputStream()) {
            JSON.writeValue(stdin, wire);
        }
        byte[] stdout = process.getInputStream().readAllBytes();
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail(SCRIPT + " did not finish within 60 s");
        }
        if (process.exitValue() != 0) {
            return new Failure(process.exitValue(), stderr);
        }
        return JSON.readTree(stdout);
    }

    static byte[] bytes(JsonNode answer, String field) {
        JsonNode value = answer.get(field);
        if (value == null || !value.isTextual()) {
            throw new AssertionError("answer has no '" + field + "': " + answer);
        }
        return Base64.getDecoder().decode(value.asText());
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

    /** Surefire runs in the module directory; the tools live at the repository root. */
    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(SCRIPT))) {
                return dir;
            }
        }
        throw new IllegalStateException(SCRIPT + " not found above " + Path.of("").toAbsolutePath());
    }
}
