package io.p3protocol.app.identity;

import com.fasterxml.jackson.databind.JsonNode;
import io.p3protocol.app.support.IntegrationTest;
import io.p3protocol.app.support.TestApi;
import io.p3protocol.kernel.crypto.MlKem1024KeyPair;
import io.p3protocol.kernel.crypto.X25519KeyPair;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code identityKeys} GraphQL query over real HTTP. The read model is written with the event, so no waiting. */
@IntegrationTest
class IdentityKeysGraphQlTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String QUERY = """
            query($wallet: String!) { identityKeys(wallet: $wallet) {
              wallet tenantId x25519PublicKey mlKem1024PublicKey kyberEnabled status registeredAt rotatedAt
              revokedAt rotationCount } }""";

    @LocalServerPort
    int port;
    TestApi api;
    String tenant;
    String operatorKey;

    @BeforeEach
    void setUp() {
        api = new TestApi(port);
        tenant = api.createTenant("identity-graphql");
        operatorKey = api.issueKey(tenant, "operator").get("apiKey").asText();
    }

    private static String newWallet() {
        byte[] address = new byte[20];
        RANDOM.nextBytes(address);
        return "0x" + HexFormat.of().formatHex(address);
    }

    private JsonNode identityKeys(String key, String wallet) {
        TestApi.Response r = api.post("/graphql", key, Map.of("query", QUERY, "variables", Map.of("wallet", wallet)));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    @Test
    void showsTheKeysKyberEnabledAndTheRotation() {
        String wallet = newWallet();
        String mlKem = MlKem1024KeyPair.generate(RANDOM).publicKey().base64();
        api.post("/api/identity/" + wallet, operatorKey,
                Map.of("x25519PublicKey", X25519KeyPair.generate(RANDOM).publicKey().base64()));
        String rotatedX25519 = X25519KeyPair.generate(RANDOM).publicKey().base64();
        assertThat(api.post("/api/identity/" + wallet + "/rotate", operatorKey,
                Map.of("x25519PublicKey", rotatedX25519, "mlKem1024PublicKey", mlKem)).status()).isEqualTo(200);

        JsonNode keys = identityKeys(operatorKey, wallet).get("data").get("identityKeys");
        assertThat(keys.get("wallet").asText()).isEqualTo(wallet);
        assertThat(keys.get("tenantId").asText()).isEqualTo(tenant);
        assertThat(keys.get("x25519PublicKey").asText()).isEqualTo(rotatedX25519);
        assertThat(keys.get("mlKem1024PublicKey").asText()).isEqualTo(mlKem);
        assertThat(keys.get("kyberEnabled").asBoolean()).isTrue();
        assertThat(keys.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(keys.get("registeredAt").asText()).isNotBlank();
        assertThat(keys.get("rotatedAt").asText()).isNotBlank();
        assertThat(keys.get("rotationCount").asInt()).isEqualTo(1);
    }

    @Test
    void anotherTenantsWalletIsNull() {
        String wallet = newWallet();
        api.post("/api/identity/" + wallet, operatorKey,
                Map.of("x25519PublicKey", X25519KeyPair.generate(RANDOM).publicKey().base64()));
        String otherKey = api.issueKey(api.createTenant("identity-graphql-other"), "viewer").get("apiKey").asText();

        JsonNode answer = identityKeys(otherKey, wallet);
        assertThat(answer.get("data").get("identityKeys").isNull()).isTrue();
        assertThat(answer.has("errors")).isFalse();
    }

    @Test
    void aMalformedWalletIsABadRequestError() {
        JsonNode answer = identityKeys(operatorKey, "0xnot-a-wallet");
        assertThat(answer.get("errors").get(0).get("extensions").get("code").asText()).isEqualTo("invalid_wallet");
    }
}
