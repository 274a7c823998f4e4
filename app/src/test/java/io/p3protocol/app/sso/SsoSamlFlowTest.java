package io.p3protocol.app.sso;

import com.fasterxml.jackson.databind.JsonNode;
import io.p3protocol.app.support.IntegrationTest;
import io.p3protocol.app.support.TestApi;
import io.p3protocol.kernel.crypto.Sha256;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.util.UriComponentsBuilder;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.Inflater;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SAML 2.0 SP-initiated login, with the test as the IdP ({@link SamlTestIdp}): the AuthnRequest from the login route,
 * signed Responses posted to the ACS, and each way a Response is refused. Each test uses its own tenant and IdP.
 */
@IntegrationTest
class SsoSamlFlowTest {
    private static final String ACS_PATH = "/api/enterprise/sso/saml/acs";

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    TestApi api;

    @BeforeEach
    void setUp() {
        api = new TestApi(port);
    }

    private record Setup(String tenantId, String adminKey, String providerId, String spEntityId, String acsUrl,
                         SamlTestIdp idp) {
    }

    private Setup setup() {
        SamlTestIdp idp = new SamlTestIdp();
        String tenantId = api.createTenant("saml-" + UUID.randomUUID());
        String adminKey = api.issueKey(tenantId, "admin").get("apiKey").asText();
        String acsUrl = api.base() + ACS_PATH;
        TestApi.Response r = api.post("/api/enterprise/sso/providers", adminKey, Map.of(
                "type", "saml", "issuer", idp.entityId, "idpSsoUrl", "http://127.0.0.1:9/idp/sso",
                "idpCertificate", idp.certificatePem(), "redirectUri", acsUrl,
                "roleMapping", Map.of("default", List.of("viewer"), "p3-admins", List.of("admin"))));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return new Setup(tenantId, adminKey, r.json().get("providerId").asText(), r.json().get("clientId").asText(),
                acsUrl, idp);
    }

    /** Starts a login and answers the AuthnRequest's ID (the {@code state}). */
    private String startLogin(Setup s) {
        TestApi.Response r = api.get("/api/enterprise/sso/login/" + s.providerId(), s.adminKey());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get("state").asText();
    }

    private SamlTestIdp.Spec spec(Setup s, String requestId) {
        return new SamlTestIdp.Spec(requestId, s.acsUrl(), s.spEntityId(), s.idp().entityId);
    }

    private TestApi.Response postToAcs(Document response) {
        return postToAcs(SamlTestIdp.encode(response));
    }

    private TestApi.Response postToAcs(String samlResponse) {
        String form = "SAMLResponse=" + URLEncoder.encode(samlResponse, StandardCharsets.UTF_8) + "&RelayState=x";
        return api.send(HttpRequest.newBuilder(URI.create(api.base() + ACS_PATH))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)), null);
    }

    private List<String> rejectionsOf(String requestId) {
        return jdbc.queryForList("""
                SELECT convert_from(payload, 'UTF8') FROM domainevententry
                WHERE aggregateidentifier = ? AND payloadtype = 'io.p3protocol.kernel.sso.SsoLoginRejectedEvent'
                ORDER BY sequencenumber""", String.class, Sha256.hex(requestId));
    }

    private void assertRefused(TestApi.Response r, String code, String requestId) {
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().get("code").asText()).isEqualTo(code);
        assertThat(rejectionsOf(requestId)).singleElement().asString().contains(code);
    }

    @Test
    void theLoginRouteGivesAnAuthnRequestForTheHttpRedirectBinding() throws Exception {
        Setup s = setup();
        TestApi.Response r = api.get("/api/enterprise/sso/login/" + s.providerId(), s.adminKey());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        String redirectUrl = r.json().get("redirectUrl").asText();
        String state = r.json().get("state").asText();
        assertThat(redirectUrl).startsWith("http://127.0.0.1:9/idp/sso?SAMLRequest=");
        var params = UriComponentsBuilder.fromUriString(redirectUrl).build().getQueryParams();
        assertThat(URLDecoder.decode(params.getFirst("RelayState"), StandardCharsets.UTF_8)).isEqualTo(state);

        // HTTP-Redirect: raw DEFLATE, then base64, then URL encoding
        byte[] deflated = Base64.getDecoder().decode(URLDecoder.decode(params.getFirst("SAMLRequest"), StandardCharsets.UTF_8));
        Inflater inflater = new Inflater(true);
        inflater.setInput(deflated);
        ByteArrayOutputStream xml = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        while (!inflater.finished()) {
            xml.write(buffer, 0, inflater.inflate(buffer));
        }
        String request = xml.toString(StandardCharsets.UTF_8);
        assertThat(request).startsWith("<samlp:AuthnRequest").contains("ID=\"" + state + "\"")
                .contains("AssertionConsumerServiceURL=\"" + s.acsUrl() + "\"")
                .contains("ProtocolBinding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST\"")
                .contains("<saml:Issuer>" + s.spEntityId() + "</saml:Issuer>")
                .contains("Destination=\"http://127.0.0.1:9/idp/sso\"");
    }

    @Test
    void aSignedResponseLinksTheNameIdAndIssuesAWorkingSessionKey() {
        Setup s = setup();
        String requestId = startLogin(s);
        SamlTestIdp.Spec spec = spec(s, requestId);
        spec.nameId = "alice@acme";
        spec.attributes.put("groups", List.of("p3-admins"));
        spec.attributes.put("wallet", List.of("0x52908400098527886E0F7030069857D2E4169EE7"));

        TestApi.Response r = postToAcs(s.idp().signAssertion(s.idp().response(spec)));

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.header("Cache-Control")).contains("no-store");
        JsonNode login = r.json();
        assertThat(login.get("subject").asText()).isEqualTo("alice@acme");
        assertThat(login.get("providerId").asText()).isEqualTo(s.providerId());
        assertThat(login.get("wallet").asText()).isEqualTo("0x52908400098527886e0f7030069857d2e4169ee7");
        assertThat(login.get("roles")).extracting(JsonNode::asText).containsExactlyInAnyOrder("admin", "viewer");
        assertThat(Instant.parse(login.get("expiresAt").asText()))
                .isBetween(Instant.now().plus(Duration.ofMinutes(55)), Instant.now().plus(Duration.ofMinutes(61)));

        // the session key authenticates an admin route of the tenant, which shows the linked identity
        TestApi.Response identities = api.get("/api/enterprise/sso/identities", login.get("apiKey").asText());
        assertThat(identities.status()).as(identities.body()).isEqualTo(200);
        JsonNode identity = identities.json().get("identities").get(0);
        assertThat(identity.get("subject").asText()).isEqualTo("alice@acme");
        assertThat(identity.get("providerId").asText()).isEqualTo(s.providerId());
        assertThat(identity.get("linked").asBoolean()).isTrue();
        Integer linkedEvents = jdbc.queryForObject("""
                SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?
                AND payloadtype = 'io.p3protocol.kernel.sso.SsoIdentityLinkedEvent'""", Integer.class,
                login.get("identityId").asText());
        assertThat(linkedEvents).isEqualTo(1);
    }

    @Test
    void theSameResponsePostedAgainIsRefusedAsReplayedAndRecorded() {
        Setup s = setup();
        String requestId = startLogin(s);
        String response = SamlTestIdp.encode(s.idp().signAssertion(s.idp().response(spec(s, requestId))));
        assertThat(postToAcs(response).status()).isEqualTo(200);

        assertRefused(postToAcs(response), "sso_in_response_to_replayed", requestId);
    }

    @Test
    void aResponseToNoRequestOfOursIsRefusedAndRecorded() {
        Setup s = setup();
        String forged = "_forged" + UUID.randomUUID();

        assertRefused(postToAcs(s.idp().signAssertion(s.idp().response(spec(s, forged)))),
                "sso_in_response_to_unknown", forged);
    }

    @Test
    void anAssertionAlteredAfterSigningIsRefusedAndRecorded() {
        Setup s = setup();
        String requestId = startLogin(s);
        Document response = s.idp().signAssertion(s.idp().response(spec(s, requestId)));
        Element nameId = (Element) response.getElementsByTagNameNS(SamlTestIdp.NS_SAML, "NameID").item(0);
        nameId.setTextContent("mallory");

        assertRefused(postToAcs(response), "sso_signature_invalid", requestId);
    }

    @Test
    void anUnsignedAssertionWrappedAroundTheSignedOneIsRefusedAndRecorded() {
        Setup s = setup();
        String requestId = startLogin(s);
        Document response = s.idp().signAssertion(s.idp().response(spec(s, requestId)));
        // signature wrapping: a forged copy with another ID and subject goes first, the signed original stays
        Element signed = SamlTestIdp.assertion(response);
        Element forged = (Element) signed.cloneNode(true);
        forged.setAttribute("ID", "_evil" + UUID.randomUUID());
        forged.removeChild(forged.getElementsByTagNameNS("http://www.w3.org/2000/09/xmldsig#", "Signature").item(0));
        forged.getElementsByTagNameNS(SamlTestIdp.NS_SAML, "NameID").item(0).setTextContent("mallory");
        response.getDocumentElement().insertBefore(forged, signed);

        TestApi.Response r = postToAcs(response);

        assertRefused(r, "sso_saml_response_invalid", requestId);
        assertThat(r.json().get("detail").asText()).contains("must contain 1 Assertion");
    }

    @Test
    void anUnsignedResponseIsRefusedAndRecorded() {
        Setup s = setup();
        String requestId = startLogin(s);

        assertRefused(postToAcs(s.idp().response(spec(s, requestId))), "sso_signature_missing", requestId);
    }

    @Test
    void aResponseSignedByAnotherKeyIsRefusedAndRecorded() {
        Setup s = setup();
        String requestId = startLogin(s);
        SamlTestIdp impostor = new SamlTestIdp();
        Document response = SamlTestIdp.signAssertion(s.idp().response(spec(s, requestId)), impostor.keys,
                impostor.certificate);

        assertRefused(postToAcs(response), "sso_signature_invalid", requestId);
    }

    @Test
    void anExpiredAssertionIsRefusedAndRecorded() {
        Setup s = setup();
        String requestId = startLogin(s);
        SamlTestIdp.Spec spec = spec(s, requestId);
        // beyond java-saml's 180 s clock drift
        spec.notBefore = Instant.now().minus(Duration.ofMinutes(20));
        spec.notOnOrAfter = Instant.now().minus(Duration.ofMinutes(10));

        assertRefused(postToAcs(s.idp().signAssertion(s.idp().response(spec))), "sso_assertion_expired", requestId);
    }

    @Test
    void anAssertionForAnotherAudienceIsRefusedAndRecorded() {
        Setup s = setup();
        String requestId = startLogin(s);
        SamlTestIdp.Spec spec = spec(s, requestId);
        spec.audience = "https://another-sp.example.com/saml";

        assertRefused(postToAcs(s.idp().signAssertion(s.idp().response(spec))), "sso_audience_mismatch", requestId);
    }

    @Test
    void anAssertionForAnotherRecipientIsRefusedAndRecorded() {
        Setup s = setup();
        String requestId = startLogin(s);
        SamlTestIdp.Spec spec = spec(s, requestId);
        spec.recipient = "https://another-sp.example.com/saml/acs";

        assertRefused(postToAcs(s.idp().signAssertion(s.idp().response(spec))), "sso_recipient_mismatch", requestId);
    }

    @Test
    void aResponseForAnotherDestinationIsRefusedAndRecorded() {
        Setup s = setup();
        String requestId = startLogin(s);
        SamlTestIdp.Spec spec = spec(s, requestId);
        spec.destination = "https://another-sp.example.com/saml/acs";

        assertRefused(postToAcs(s.idp().signAssertion(s.idp().response(spec))), "sso_destination_mismatch", requestId);
    }

    @Test
    void anAssertionFromAnotherIssuerIsRefusedAndRecorded() {
        Setup s = setup();
        String requestId = startLogin(s);
        SamlTestIdp.Spec spec = spec(s, requestId);
        spec.issuer = "urn:test:idp:someone-else";

        assertRefused(postToAcs(s.idp().signAssertion(s.idp().response(spec))), "sso_issuer_mismatch", requestId);
    }

    @Test
    void aRefusedResponseSpendsItsRequest() {
        Setup s = setup();
        String requestId = startLogin(s);
        SamlTestIdp.Spec wrong = spec(s, requestId);
        wrong.audience = "https://another-sp.example.com/saml";
        assertThat(postToAcs(s.idp().signAssertion(s.idp().response(wrong))).status()).isEqualTo(400);

        TestApi.Response r = postToAcs(s.idp().signAssertion(s.idp().response(spec(s, requestId))));

        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.json().get("code").asText()).isEqualTo("sso_in_response_to_replayed");
    }

    @Test
    void somethingThatIsNoSamlResponseIsRefusedWithoutALogin() {
        TestApi.Response r = postToAcs(Base64.getEncoder().encodeToString("<html/>".getBytes(StandardCharsets.UTF_8)));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().get("code").asText()).isEqualTo("sso_saml_response_invalid");

        TestApi.Response missing = api.send(HttpRequest.newBuilder(URI.create(api.base() + ACS_PATH))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("RelayState=x")), null);
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("code").asText()).isEqualTo("sso_saml_response_missing");
    }

    @Test
    void theSpMetadataIsPublicAndNamesEntityIdAcsAndNameIdFormat() {
        Setup s = setup();

        TestApi.Response r = api.get("/api/enterprise/sso/saml/metadata/" + s.providerId(), null);

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/samlmetadata+xml");
        assertThat(s.spEntityId()).isEqualTo(api.base() + "/api/enterprise/sso/saml/metadata/" + s.providerId());
        assertThat(r.body()).contains("entityID=\"" + s.spEntityId() + "\"")
                .contains("<md:AssertionConsumerService Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST\""
                        + " Location=\"" + s.acsUrl() + "\"")
                .contains("<md:NameIDFormat>urn:oasis:names:tc:SAML:2.0:nameid-format:persistent</md:NameIDFormat>");
        assertThat(api.get("/api/enterprise/sso/saml/metadata/" + UUID.randomUUID(), null).status()).isEqualTo(404);
    }

    @Test
    void aSamlProviderNeedsAnX509CertificateAndTheAcsUrl() {
        String tenantId = api.createTenant("saml-" + UUID.randomUUID());
        String adminKey = api.issueKey(tenantId, "admin").get("apiKey").asText();
        TestApi.Response r = api.post("/api/enterprise/sso/providers", adminKey, Map.of(
                "type", "saml", "issuer", "urn:test:idp", "idpSsoUrl", "https://idp.example.com/sso",
                "idpCertificate", "not a certificate", "redirectUri", "https://app.example.com/callback"));
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.json().get("errors")).extracting(e -> e.get("field").asText())
                .containsExactlyInAnyOrder("idpCertificate", "redirectUri");
    }
}
