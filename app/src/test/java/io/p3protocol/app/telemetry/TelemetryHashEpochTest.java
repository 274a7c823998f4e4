package io.p3protocol.app.telemetry;

import com.fasterxml.jackson.databind.JsonNode;
import io.p3protocol.app.support.IntegrationTest;
import io.p3protocol.app.support.TestApi;
import io.p3protocol.kernel.crypto.HmacSha256;
import io.p3protocol.kernel.vault.SecretValues;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Rotating the tenant's IP_SALT in the vault starts a new hash epoch, and epochs do not link. */
@IntegrationTest
class TelemetryHashEpochTest {
    private static final String IP = "203.0.113.200";
    private static final String AGENT = "EpochAgent/2.0";

    @LocalServerPort
    int port;
    @Autowired
    SecretValues secrets;

    @Test
    void rotatingIpSaltStartsANewEpochWhoseHashesDoNotLinkToTheOldOnes() {
        TestApi api = new TestApi(port);
        TelemetryApi telemetry = new TelemetryApi(api);
        String tenant = api.createTenant("telemetry-epochs");
        String operator = api.issueKey(tenant, "operator").get("apiKey").asText();
        String admin = api.issueKey(tenant, "admin").get("apiKey").asText();
        String event = "{\"eventType\":\"page_view\",\"sessionId\":\"epoch-session\"}";

        JsonNode before = telemetry.ingest(operator, event, IP, AGENT);
        TestApi.Response rotated = api.post("/api/vault/secrets/IP_SALT/rotate", admin, Map.of());
        assertThat(rotated.status()).isEqualTo(200);
        JsonNode after = telemetry.ingest(operator, event, IP, AGENT);

        int epoch = before.get("hashEpoch").asInt();
        assertThat(after.get("hashEpoch").asInt()).isEqualTo(rotated.json().get("version").asInt())
                .isGreaterThan(epoch);
        assertThat(after.get("hashedIp").asText()).isNotEqualTo(before.get("hashedIp").asText())
                .isEqualTo(new HmacSha256(secrets.currentOrGenerate(tenant, "IP_SALT").value()).hex(IP));
        assertThat(after.get("uaHash").asText()).isNotEqualTo(before.get("uaHash").asText());

        // the read models keep each hash in its epoch, and the new salt is not mistaken for a new User-Agent
        JsonNode session = telemetry.awaitGraphQl(operator,
                "{ telemetrySession(sessionId: \"epoch-session\") { events uaChanges hashedIps } }", Map.of(),
                r -> r.at("/data/telemetrySession/events").asLong() == 2).at("/data/telemetrySession");
        assertThat(session.get("uaChanges").asInt()).isZero();
        assertThat(session.get("hashedIps")).hasSize(2);
        String query = "query($ip: String!) { telemetryIp(hashedIp: $ip) { hashEpoch events } }";
        assertThat(telemetry.graphQl(operator, query, Map.of("ip", before.get("hashedIp").asText()))
                .at("/data/telemetryIp/hashEpoch").asInt()).isEqualTo(epoch);
        assertThat(telemetry.graphQl(operator, query, Map.of("ip", after.get("hashedIp").asText()))
                .at("/data/telemetryIp/hashEpoch").asInt()).isEqualTo(after.get("hashEpoch").asInt());
    }
}
