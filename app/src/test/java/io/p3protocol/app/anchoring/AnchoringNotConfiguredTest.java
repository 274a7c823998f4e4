package io.p3protocol.app.anchoring;

import io.p3protocol.app.support.IntegrationTest;
import io.p3protocol.app.support.TestApi;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The shared test context has no P3_ANCHOR_* settings: anchoring is off, says so, and records nothing. */
@IntegrationTest
class AnchoringNotConfiguredTest {
    private static final String ROOT = "0x" + "c3".repeat(32);

    @LocalServerPort
    int port;

    @Test
    void anAnchorRequestAnswers503NotConfiguredNamingTheMissingSettings() {
        TestApi.Response response = new TestApi(port).post("/api/anchoring/anchors", TestApi.ADMIN_KEY,
                Map.of("root", ROOT, "count", 3, "meta", "checkpoint"));

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("code").asText()).isEqualTo("anchoring_not_configured");
        assertThat(response.json().get("detail").asText()).contains("P3_ANCHOR_RPC_URL").contains("P3_ANCHOR_CONTRACT");
    }

    @Test
    void aRefusedRequestLeavesNoAnchorAndNoTransactionHash() {
        TestApi api = new TestApi(port);
        api.post("/api/anchoring/anchors", TestApi.ADMIN_KEY, Map.of("root", ROOT, "count", 3));

        TestApi.Response lookup = api.get("/api/anchoring/anchors/" + ROOT, TestApi.ADMIN_KEY);

        assertThat(lookup.status()).isEqualTo(404);
        assertThat(lookup.json().get("code").asText()).isEqualTo("anchor_not_found");
        assertThat(lookup.body()).doesNotContain("txHash");
    }

    @Test
    void aRootThatIsNot32BytesOfHexIs400() {
        TestApi.Response response = new TestApi(port).post("/api/anchoring/anchors", TestApi.ADMIN_KEY,
                Map.of("root", "0x1234", "count", 3));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("root");
    }

    @Test
    void aTenantKeyCannotAskForAnAnchor() {
        TestApi api = new TestApi(port);
        String tenant = api.createTenant("anchoring-" + System.nanoTime());
        String key = api.issueKey(tenant, "admin").get("apiKey").asText();

        TestApi.Response response = api.post("/api/anchoring/anchors", key, Map.of("root", ROOT, "count", 3));

        assertThat(response.status()).isEqualTo(403);
    }
}
