package io.p3protocol.app.sso;

import com.fasterxml.jackson.databind.JsonNode;
import io.p3protocol.app.support.IntegrationTest;
import io.p3protocol.app.support.TestApi;
import io.p3protocol.kernel.crypto.Sha256;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.util.UriComponentsBuilder;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OIDC authorization-code flow against mock-oauth2-server 2.3.0, a real OIDC provider in this JVM on a loopback
 * port: discovery, the authorize redirect (auto-approved), the code exchange with PKCE, id_token validation through
 * the JWKS, linking and the session key. Each test uses its own tenant and its own issuer id.
 */
@IntegrationTest
class SsoOidcFlowTest {
    private static final String CLIENT_ID = "p3-client";
    private static final String CLIENT_SECRET = "s3cret-value-" + UUID.randomUUID();
    private static MockOAuth2Server oidc;

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    TestApi api;
    private final HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    static void startProvider() throws Exception {
        oidc = new MockOAuth2Server();
        oidc.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    @AfterAll
    static void stopProvider() {
        oidc.shutdown();
    }

    @BeforeEach
    void setUp() {
        api = new TestApi(port);
    }

    /** A tenant with an admin key and an OIDC provider on a fresh issuer id. */
    private record Setup(String tenantId, String adminKey, String issuerId, String providerId) {
    }

    private Setup setup(Map<String, Object> roleMapping) {
        String tenantId = api.createTenant("sso-" + UUID.randomUUID());
        String adminKey = api.issueKey(tenantId, "admin").get("apiKey").asText();
        String issuerId = "idp-" + UUID.randomUUID();
        TestApi.Response r = api.post("/api/enterprise/sso/providers", adminKey, Map.of(
                "type", "oidc", "issuer", oidc.issuerUrl(issuerId).toString(), "clientId", CLIENT_ID,
                "clientSecret", CLIENT_SECRET, "redirectUri", api.base() + "/api/enterprise/sso/callback",
                "roleMapping", roleMapping));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return new Setup(tenantId, adminKey, issuerId, r.json().get("providerId").asText());
    }

    private Setup setup() {
        return setup(Map.of("default", List.of("viewer")));
    }

    private JsonNode startLogin(Setup s) {
        TestApi.Response r = api.get("/api/enterprise/sso/login/" + s.providerId(), s.adminKey());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    /** The browser at the provider: the mock approves at once and redirects back with code and state. */
    private Map<String, String> authorize(String redirectUrl) throws Exception {
        HttpResponse<String> response = browser.send(HttpRequest.newBuilder(URI.create(redirectUrl)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
        URI back = URI.create(response.headers().firstValue("Location").orElseThrow());
        assertThat(back.getPath()).isEqualTo("/api/enterprise/sso/callback");
        var params = UriComponentsBuilder.fromUri(back).build().getQueryParams();
        return Map.of("code", params.getFirst("code"), "state", params.getFirst("state"));
    }

    private TestApi.Response callback(Map<String, String> params) {
        return api.get("/api/enterprise/sso/callback?code=" + enc(params.get("code")) + "&state="
                + enc(params.get("state")), null);
    }

    private static String enc(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private List<String> rejectionsOf(String state) {
        return jdbc.queryForList("""
                SELECT convert_from(payload, 'UTF8') FROM domainevententry
                WHERE aggregateidentifier = ? AND payloadtype = 'io.p3protocol.kernel.sso.SsoLoginRejectedEvent'
                ORDER BY sequencenumber""", String.class, Sha256.hex(state));
    }

    @Test
    void theWholeCodeFlowLinksTheSubjectAndIssuesAWorkingSessionKey() throws Exception {
        Setup s = setup(Map.of("default", List.of("viewer"), "p3-admins", List.of("admin")));
        oidc.enqueueCallback(new DefaultOAuth2TokenCallback(s.issuerId(), "alice", "JWT", List.of(CLIENT_ID),
                Map.of("groups", List.of("p3-admins"), "wallet", "0x52908400098527886E0F7030069857D2E4169EE7"), 3600));
        JsonNode start = startLogin(s);
        String redirectUrl = start.get("redirectUrl").asText();
        assertThat(redirectUrl).contains("code_challenge_method=S256").contains("nonce=").contains("state=");

        Map<String, String> back = authorize(redirectUrl);
        assertThat(back.get("state")).isEqualTo(start.get("state").asText());
        TestApi.Response r = callback(back);

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode login = r.json();
        assertThat(login.get("subject").asText()).isEqualTo("alice");
        assertThat(login.get("wallet").asText()).isEqualTo("0x52908400098527886e0f7030069857d2e4169ee7");
        assertThat(login.get("roles")).extracting(JsonNode::asText).containsExactlyInAnyOrder("admin", "viewer");
        Instant expiresAt = Instant.parse(login.get("expiresAt").asText());
        assertThat(expiresAt).isBetween(Instant.now().plus(Duration.ofMinutes(55)), Instant.now().plus(Duration.ofMinutes(61)));

        TestApi.Response identities = api.get("/api/enterprise/sso/identities", login.get("apiKey").asText());
        assertThat(identities.status()).as(identities.body()).isEqualTo(200);
        JsonNode identity = identities.json().get("identities").get(0);
        assertThat(identity.get("subject").asText()).isEqualTo("alice");
        assertThat(identity.get("identityId").asText()).isEqualTo(login.get("identityId").asText());
        assertThat(identity.get("linked").asBoolean()).isTrue();
    }

    @Test
    void theDefaultRolesApplyWhenNoMappedValueIsGranted() throws Exception {
        Setup s = setup();
        TestApi.Response r = callback(authorize(startLogin(s).get("redirectUrl").asText()));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("roles")).extracting(JsonNode::asText).containsExactly("viewer");
        // a viewer session key cannot do what needs admin
        assertThat(api.get("/api/enterprise/sso/identities", r.json().get("apiKey").asText()).status()).isEqualTo(403);
    }

    @Test
    void aReplayedStateIsRefusedAndRecorded() throws Exception {
        Setup s = setup();
        Map<String, String> back = authorize(startLogin(s).get("redirectUrl").asText());
        assertThat(callback(back).status()).isEqualTo(200);

        TestApi.Response replay = callback(back);

        assertThat(replay.status()).isEqualTo(400);
        assertThat(replay.contentType()).startsWith("application/problem+json");
        assertThat(replay.json().get("code").asText()).isEqualTo("sso_state_replayed");
        assertThat(rejectionsOf(back.get("state"))).singleElement().asString().contains("sso_state_replayed");
    }

    @Test
    void aStateNobodyIssuedIsRefusedAndRecorded() {
        String forged = UUID.randomUUID().toString();
        TestApi.Response r = callback(Map.of("code", "whatever", "state", forged));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("code").asText()).isEqualTo("sso_state_unknown");
        assertThat(rejectionsOf(forged)).singleElement().asString().contains("sso_state_unknown");
    }

    @Test
    void aWrongNonceIsRefusedAndRecorded() throws Exception {
        Setup s = setup();
        String redirectUrl = startLogin(s).get("redirectUrl").asText();
        // an attacker's authorization request: same state, another nonce
        String tampered = UriComponentsBuilder.fromUriString(redirectUrl).replaceQueryParam("nonce", "attacker-nonce")
                .build(true).toUriString();
        Map<String, String> back = authorize(tampered);

        TestApi.Response r = callback(back);

        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.json().get("code").asText()).isEqualTo("sso_nonce_mismatch");
        assertThat(rejectionsOf(back.get("state"))).singleElement().asString().contains("sso_nonce_mismatch");
    }

    @Test
    void anExpiredIdTokenIsRefusedAndRecorded() throws Exception {
        Setup s = setup();
        oidc.enqueueCallback(new DefaultOAuth2TokenCallback(s.issuerId(), "bob", "JWT", List.of(CLIENT_ID),
                Map.of(), -3600));
        Map<String, String> back = authorize(startLogin(s).get("redirectUrl").asText());

        TestApi.Response r = callback(back);

        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.json().get("code").asText()).isEqualTo("sso_token_expired");
        assertThat(rejectionsOf(back.get("state"))).singleElement().asString().contains("sso_token_expired");
    }

    @Test
    void aWrongAudienceIsRefusedAndRecorded() throws Exception {
        Setup s = setup();
        // the mock always sets an id_token's aud to the requesting client; a claim overrides it
        oidc.enqueueCallback(new DefaultOAuth2TokenCallback(s.issuerId(), "carol", "JWT", List.of("another-client"),
                Map.of("aud", "another-client"), 3600));
        Map<String, String> back = authorize(startLogin(s).get("redirectUrl").asText());

        TestApi.Response r = callback(back);

        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.json().get("code").asText()).isEqualTo("sso_audience_mismatch");
        assertThat(rejectionsOf(back.get("state"))).singleElement().asString().contains("sso_audience_mismatch");
    }

    @Test
    void theProviderListShowsNoSecretAndTheSecretIsInTheVault() {
        Setup s = setup();
        TestApi.Response r = api.get("/api/enterprise/sso/providers", s.adminKey());
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).doesNotContain(CLIENT_SECRET).doesNotContain("clientSecret");
        assertThat(r.json().get("providers").get(0).get("providerId").asText()).isEqualTo(s.providerId());
        Integer stored = jdbc.queryForObject("SELECT count(*) FROM vault_secret_current WHERE tenant_id = ? AND name = ?",
                Integer.class, s.tenantId(), "SSO_" + s.providerId() + "_CLIENT_SECRET");
        assertThat(stored).isEqualTo(1);
        Integer inClear = jdbc.queryForObject(
                "SELECT count(*) FROM domainevententry WHERE position(convert_to(?, 'UTF8') in payload) > 0",
                Integer.class, CLIENT_SECRET);
        assertThat(inClear).isZero();
    }

    @Test
    void anotherTenantCannotSeeOrUseTheProvider() {
        Setup s = setup();
        String other = api.createTenant("sso-other-" + UUID.randomUUID());
        String otherAdmin = api.issueKey(other, "admin").get("apiKey").asText();

        assertThat(api.get("/api/enterprise/sso/providers", otherAdmin).json().get("providers")).isEmpty();
        assertThat(api.get("/api/enterprise/sso/login/" + s.providerId(), otherAdmin).status()).isEqualTo(404);
        assertThat(api.post("/api/enterprise/sso/providers/" + s.providerId() + "/deactivate", otherAdmin, null)
                .status()).isEqualTo(404);
    }

    @Test
    void aDeactivatedProviderStartsNoLogin() {
        Setup s = setup();
        assertThat(api.post("/api/enterprise/sso/providers/" + s.providerId() + "/deactivate", s.adminKey(), null)
                .status()).isEqualTo(200);

        TestApi.Response r = api.get("/api/enterprise/sso/login/" + s.providerId(), s.adminKey());

        assertThat(r.status()).isEqualTo(409);
        assertThat(r.json().get("code").asText()).isEqualTo("sso_provider_inactive");
        assertThat(api.get("/api/enterprise/sso/providers", s.adminKey()).json().get("providers").get(0)
                .get("active").asBoolean()).isFalse();
    }

    @Test
    void anIdentityCanBeUnlinkedOnceByItsTenant() throws Exception {
        Setup s = setup();
        String identityId = callback(authorize(startLogin(s).get("redirectUrl").asText())).json()
                .get("identityId").asText();
        String other = api.createTenant("sso-other-" + UUID.randomUUID());
        String otherAdmin = api.issueKey(other, "admin").get("apiKey").asText();
        String unlink = "/api/enterprise/sso/identities/" + identityId + "/unlink";

        assertThat(api.post(unlink, otherAdmin, null).status()).isEqualTo(404);
        assertThat(api.post(unlink, s.adminKey(), null).status()).isEqualTo(200);
        assertThat(api.post(unlink, s.adminKey(), null).status()).isEqualTo(409);
        assertThat(api.get("/api/enterprise/sso/identities", s.adminKey()).json().get("identities").get(0)
                .get("linked").asBoolean()).isFalse();
    }

    @Test
    void aPlainHttpIssuerOffLoopbackIsRefused() {
        String tenantId = api.createTenant("sso-" + UUID.randomUUID());
        String adminKey = api.issueKey(tenantId, "admin").get("apiKey").asText();
        TestApi.Response r = api.post("/api/enterprise/sso/providers", adminKey, Map.of("type", "oidc",
                "issuer", "http://idp.example.com", "clientId", "c", "clientSecret", "x",
                "redirectUri", "https://app.example.com/api/enterprise/sso/callback"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("errors").get(0).get("field").asText()).isEqualTo("issuer");
    }

    @Test
    void onlyTheCallbackIsPublic() {
        assertThat(api.get("/api/enterprise/sso/providers", null).status()).isEqualTo(401);
        assertThat(api.get("/api/enterprise/sso/identities", null).status()).isEqualTo(401);
    }
}
