package io.p3protocol.app.identity;

import com.fasterxml.jackson.databind.JsonNode;
import io.p3protocol.app.support.IntegrationTest;
import io.p3protocol.app.support.TestApi;
import io.p3protocol.kernel.crypto.HybridKem;
import io.p3protocol.kernel.crypto.KeyConfirmation;
import io.p3protocol.kernel.crypto.MlKem1024KeyPair;
import io.p3protocol.kernel.crypto.X25519Kem;
import io.p3protocol.kernel.crypto.X25519KeyPair;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The identity-key routes over real HTTP on the real PostgreSQL. The test plays the wallets: it holds their
 * secret keys, so it can check the server's encapsulations by decapsulating them itself.
 */
@IntegrationTest
class IdentityKeysApiTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    TestApi api;
    String tenant;
    String operatorKey;

    /** A wallet as its owner holds it: the secret keys stay in the test, only public keys are sent. */
    record Wallet(String address, X25519KeyPair x25519, MlKem1024KeyPair mlKem) {
        static Wallet create(boolean withMlKem) {
            byte[] address = new byte[20];
            RANDOM.nextBytes(address);
            return new Wallet("0x" + HexFormat.of().formatHex(address), X25519KeyPair.generate(RANDOM),
                    withMlKem ? MlKem1024KeyPair.generate(RANDOM) : null);
        }

        Map<String, Object> keysBody() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("x25519PublicKey", x25519.publicKey().base64());
            if (mlKem != null) {
                body.put("mlKem1024PublicKey", mlKem.publicKey().base64());
            }
            return body;
        }
    }

    @BeforeEach
    void setUp() {
        api = new TestApi(port);
        tenant = api.createTenant("identity-" + RANDOM.nextInt(1_000_000));
        operatorKey = api.issueKey(tenant, "operator").get("apiKey").asText();
    }

    private Wallet registered(boolean withMlKem) {
        Wallet wallet = Wallet.create(withMlKem);
        TestApi.Response r = api.post("/api/identity/" + wallet.address(), operatorKey, wallet.keysBody());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return wallet;
    }

    private TestApi.Response encapsulate(Wallet recipient, Wallet sender) {
        Map<String, Object> body = sender == null ? Map.of() : Map.of("fromWallet", sender.address());
        return api.post("/api/identity/" + recipient.address() + "/encapsulate", operatorKey, body);
    }

    private long storedEvents(String wallet) {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?", Long.class,
                tenant + "/" + wallet);
    }

    private static byte[] b64(JsonNode node, String field) {
        return Base64.getDecoder().decode(node.get(field).asText());
    }

    private void assertRefusedAndNothingStored(TestApi.Response r, Wallet wallet, String field) {
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().get("code").asText()).isEqualTo("validation_failed");
        assertThat(r.json().get("errors").get(0).get("field").asText()).isEqualTo(field);
        assertThat(storedEvents(wallet.address())).isZero();
        assertThat(api.get("/api/identity/" + wallet.address(), operatorKey).status()).isEqualTo(404);
    }

    @Test
    void registeringBothKeysMakesTheWalletKyberEnabled() {
        Wallet wallet = registered(true);
        JsonNode stored = api.get("/api/identity/" + wallet.address(), operatorKey).json();
        assertThat(stored.get("kyberEnabled").asBoolean()).isTrue();
        assertThat(stored.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(stored.get("mlKem1024PublicKey").asText()).isEqualTo(wallet.mlKem().publicKey().base64());
    }

    @Test
    void registeringOnlyAnX25519KeyLeavesKyberDisabled() {
        Wallet wallet = registered(false);
        JsonNode stored = api.get("/api/identity/" + wallet.address(), operatorKey).json();
        assertThat(stored.get("kyberEnabled").asBoolean()).isFalse();
        assertThat(stored.get("mlKem1024PublicKey").isNull()).isTrue();
    }

    @Test
    void anMlKemKeyOfTheWrongLengthIsRefusedAndNothingIsStored() {
        Wallet wallet = Wallet.create(false);
        Map<String, Object> body = wallet.keysBody();
        body.put("mlKem1024PublicKey", Base64.getEncoder().encodeToString(new byte[1184])); // an ML-KEM-768 size
        assertRefusedAndNothingStored(api.post("/api/identity/" + wallet.address(), operatorKey, body), wallet,
                "mlKem1024PublicKey");
    }

    @Test
    void anMlKemKeyFailingTheFips203ModulusCheckIsRefusedAndNothingIsStored() {
        Wallet wallet = Wallet.create(false);
        byte[] key = MlKem1024KeyPair.generate(RANDOM).publicKey().bytes();
        key[0] = (byte) 0xff;
        key[1] = (byte) (key[1] | 0x0f);
        Map<String, Object> body = wallet.keysBody();
        body.put("mlKem1024PublicKey", Base64.getEncoder().encodeToString(key));
        assertRefusedAndNothingStored(api.post("/api/identity/" + wallet.address(), operatorKey, body), wallet,
                "mlKem1024PublicKey");
    }

    @Test
    void anX25519KeyInUrlSafeBase64IsRefusedAndNothingIsStored() {
        Wallet wallet = Wallet.create(false);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("x25519PublicKey", Base64.getUrlEncoder().withoutPadding()
                .encodeToString(wallet.x25519().publicKey().bytes()));
        assertRefusedAndNothingStored(api.post("/api/identity/" + wallet.address(), operatorKey, body), wallet,
                "x25519PublicKey");
    }

    @Test
    void anAllZeroX25519KeyIsRefusedAndNothingIsStored() {
        Wallet wallet = Wallet.create(false);
        Map<String, Object> body = Map.of("x25519PublicKey", Base64.getEncoder().encodeToString(new byte[32]));
        assertRefusedAndNothingStored(api.post("/api/identity/" + wallet.address(), operatorKey, body), wallet,
                "x25519PublicKey");
    }

    @Test
    void aMissingX25519KeyIsRefusedAndNothingIsStored() {
        Wallet wallet = Wallet.create(true);
        Map<String, Object> body = Map.of("mlKem1024PublicKey", wallet.mlKem().publicKey().base64());
        assertRefusedAndNothingStored(api.post("/api/identity/" + wallet.address(), operatorKey, body), wallet,
                "x25519PublicKey");
    }

    @Test
    void aWalletThatIsNotAnEvmAddressIsRefused() {
        TestApi.Response r = api.post("/api/identity/0x1234", operatorKey, Wallet.create(false).keysBody());
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("errors").get(0).get("field").asText()).isEqualTo("wallet");
    }

    @Test
    void hybridIsUsedWhenBothPartiesAreKyberEnabledAndTheRecipientDerivesTheConfirmedSecret() {
        Wallet recipient = registered(true);
        Wallet sender = registered(true);
        TestApi.Response r = encapsulate(recipient, sender);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode answer = r.json();
        assertThat(answer.get("mode").asText()).isEqualTo("hybrid");
        assertThat(answer.get("reason").asText()).isEqualTo("both_parties_kyber_enabled");
        assertThat(answer.get("label").asText()).isEqualTo(HybridKem.LABEL);
        byte[] secret = HybridKem.decapsulate(recipient.x25519(), recipient.mlKem(), b64(answer, "x25519Ciphertext"),
                b64(answer, "mlKem1024Ciphertext"));
        assertThat(b64(answer, "keyConfirmation")).isEqualTo(KeyConfirmation.tag(secret));
        assertThat(r.body()).doesNotContain(Base64.getEncoder().encodeToString(secret));
    }

    @Test
    void withASenderWithoutMlKemTheAnswerFallsBackToX25519AndSaysWhy() {
        Wallet recipient = registered(true);
        TestApi.Response r = encapsulate(recipient, registered(false));
        JsonNode answer = r.json();
        assertThat(answer.get("mode").asText()).isEqualTo("x25519");
        assertThat(answer.get("reason").asText()).isEqualTo("sender_not_kyber_enabled");
        assertThat(answer.get("mlKem1024Ciphertext").isNull()).isTrue();
        byte[] secret = X25519Kem.decapsulate(recipient.x25519(), b64(answer, "x25519Ciphertext"));
        assertThat(b64(answer, "keyConfirmation")).isEqualTo(KeyConfirmation.tag(secret));
    }

    @Test
    void withARecipientWithoutMlKemTheAnswerFallsBackToX25519AndSaysWhy() {
        JsonNode answer = encapsulate(registered(false), registered(true)).json();
        assertThat(answer.get("mode").asText()).isEqualTo("x25519");
        assertThat(answer.get("reason").asText()).isEqualTo("recipient_not_kyber_enabled");
    }

    @Test
    void withoutANamedSenderTheAnswerFallsBackToX25519AndSaysWhy() {
        JsonNode answer = encapsulate(registered(true), null).json();
        assertThat(answer.get("mode").asText()).isEqualTo("x25519");
        assertThat(answer.get("reason").asText()).isEqualTo("sender_not_named");
    }

    @Test
    void rotatingAwayTheMlKemKeyTurnsKyberOffForTheNextEncapsulation() {
        Wallet recipient = registered(true);
        Wallet sender = registered(true);
        Wallet rotated = new Wallet(recipient.address(), X25519KeyPair.generate(RANDOM), null);
        TestApi.Response r = api.post("/api/identity/" + recipient.address() + "/rotate", operatorKey,
                rotated.keysBody());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("kyberEnabled").asBoolean()).isFalse();

        JsonNode answer = encapsulate(rotated, sender).json();
        assertThat(answer.get("reason").asText()).isEqualTo("recipient_not_kyber_enabled");
        byte[] secret = X25519Kem.decapsulate(rotated.x25519(), b64(answer, "x25519Ciphertext"));
        assertThat(b64(answer, "keyConfirmation")).isEqualTo(KeyConfirmation.tag(secret));
    }

    @Test
    void revokedKeysAreNotEncapsulatedTo() {
        Wallet recipient = registered(true);
        assertThat(api.post("/api/identity/" + recipient.address() + "/revoke", operatorKey,
                Map.of("reason", "lost device")).status()).isEqualTo(200);
        TestApi.Response r = encapsulate(recipient, null);
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.json().get("code").asText()).isEqualTo("identity_keys_revoked");
    }

    @Test
    void revokingTwiceIsAConflict() {
        Wallet wallet = registered(false);
        assertThat(api.post("/api/identity/" + wallet.address() + "/revoke", operatorKey, null).status())
                .isEqualTo(200);
        TestApi.Response second = api.post("/api/identity/" + wallet.address() + "/revoke", operatorKey, null);
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.json().get("code").asText()).isEqualTo("identity_keys_already_revoked");
    }

    @Test
    void registeringAgainWhileActiveIsAConflict() {
        Wallet wallet = registered(false);
        TestApi.Response again = api.post("/api/identity/" + wallet.address(), operatorKey,
                Wallet.create(false).keysBody());
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("code").asText()).isEqualTo("identity_keys_already_registered");
    }

    @Test
    void anotherTenantsWalletIsNotFoundOnEveryRoute() {
        Wallet theirs = registered(true);
        String otherTenant = api.createTenant("identity-other");
        String otherKey = api.issueKey(otherTenant, "operator").get("apiKey").asText();
        String base = "/api/identity/" + theirs.address();

        assertThat(api.get(base, otherKey).status()).isEqualTo(404);
        assertThat(api.post(base + "/rotate", otherKey, Wallet.create(false).keysBody()).status()).isEqualTo(404);
        assertThat(api.post(base + "/revoke", otherKey, null).status()).isEqualTo(404);
        assertThat(api.post(base + "/encapsulate", otherKey, Map.of()).status()).isEqualTo(404);
        assertThat(api.get(base, operatorKey).json().get("status").asText()).isEqualTo("ACTIVE");
    }

    @Test
    void aSenderOfAnotherTenantIsNotFound() {
        Wallet recipient = registered(true);
        String otherTenant = api.createTenant("identity-sender");
        String otherKey = api.issueKey(otherTenant, "operator").get("apiKey").asText();
        Wallet foreignSender = Wallet.create(true);
        assertThat(api.post("/api/identity/" + foreignSender.address(), otherKey, foreignSender.keysBody()).status())
                .isEqualTo(201);

        TestApi.Response r = encapsulate(recipient, foreignSender);
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().get("code").asText()).isEqualTo("sender_identity_keys_not_found");
    }

    @Test
    void theSameWalletInTwoTenantsHasIndependentKeys() {
        Wallet ours = registered(true);
        String otherTenant = api.createTenant("identity-twin");
        String otherKey = api.issueKey(otherTenant, "operator").get("apiKey").asText();
        Wallet twin = new Wallet(ours.address(), X25519KeyPair.generate(RANDOM), null);
        assertThat(api.post("/api/identity/" + twin.address(), otherKey, twin.keysBody()).status()).isEqualTo(201);

        assertThat(api.get("/api/identity/" + ours.address(), operatorKey).json().get("kyberEnabled").asBoolean())
                .isTrue();
        assertThat(api.get("/api/identity/" + twin.address(), otherKey).json().get("kyberEnabled").asBoolean())
                .isFalse();
    }

    @Test
    void thePlatformAdminHasNoTenantAndIsRefused() {
        TestApi.Response r = api.post("/api/identity/" + Wallet.create(false).address(), TestApi.ADMIN_KEY,
                Wallet.create(false).keysBody());
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.json().get("code").asText()).isEqualTo("tenant_key_required");
    }

    @Test
    void aViewerMayEncapsulateButNotRegister() {
        Wallet recipient = registered(false);
        String viewerKey = api.issueKey(tenant, "viewer").get("apiKey").asText();
        assertThat(api.post("/api/identity/" + Wallet.create(false).address(), viewerKey,
                Wallet.create(false).keysBody()).status()).isEqualTo(403);
        assertThat(api.post("/api/identity/" + recipient.address() + "/encapsulate", viewerKey, Map.of()).status())
                .isEqualTo(200);
    }

    @Test
    void aChecksummedWalletIsTheSameWalletAsItsLowerCaseForm() {
        Wallet wallet = Wallet.create(false);
        String checksummed = io.p3protocol.kernel.identity.WalletAddress.parse(wallet.address()).checksummed();
        assertThat(api.post("/api/identity/" + checksummed, operatorKey, wallet.keysBody()).status()).isEqualTo(201);
        assertThat(api.get("/api/identity/" + wallet.address(), operatorKey).json().get("wallet").asText())
                .isEqualTo(wallet.address());
    }
}
