package io.p3protocol.app.resilience;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.p3protocol.app.resilience.FuzzClient.Outcome;
import io.p3protocol.app.resilience.MalformedRequests.FuzzRequest;
import io.p3protocol.app.support.IntegrationTest;
import io.p3protocol.app.support.TestApi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A few hundred malformed requests, reproducible from one seed ({@code -Dp3.fuzz.seed=…} to try others), at every
 * REST route the running app maps under /api/: broken, truncated, huge, wrongly typed, wrongly labelled JSON, bad
 * ids, wrong methods and credentials, as the platform admin, as tenant keys and without a key. The service must
 * refuse each with a 4xx problem+json carrying a {@code code}, never answer 5xx, and keep nothing of them: no event
 * may carry the request id of a refused request, and the dedicated tenant's event count must not move.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MalformedInputFuzzTest {
    private static final Logger log = LoggerFactory.getLogger(MalformedInputFuzzTest.class);
    private static final long SEED = Long.getLong("p3.fuzz.seed", 20261123L);
    private static final int REQUESTS = 400;

    @LocalServerPort
    int port;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mapping;
    @Autowired
    JdbcTemplate jdbc;

    private final ObjectMapper json = new ObjectMapper().findAndRegisterModules();
    private TestApi api;
    private MalformedRequests.Fixture fixture;
    private List<RestRoute> routes;
    private final Map<FuzzRequest, Outcome> outcomes = new LinkedHashMap<>();
    private long tenantEventsBefore;
    private long tenantEventsAfter;
    private long eventsFromFuzzRequests;

    @BeforeAll
    void fuzz() {
        api = new TestApi(port);
        String tenant = api.createTenant("fuzz target");
        String tenantAdminKey = api.issueKey(tenant, "admin").get("apiKey").asText();
        String tenantViewerKey = api.issueKey(tenant, "viewer").get("apiKey").asText();
        String targetKeyId = api.issueKey(tenant, "viewer").get("keyId").asText();
        String other = api.createTenant("fuzz bystander");
        String otherAdminKey = api.issueKey(other, "admin").get("apiKey").asText();
        var revoked = api.issueKey(other, "viewer");
        assertThat(api.post("/api/api-keys/" + revoked.get("keyId").asText() + "/revoke", TestApi.ADMIN_KEY, null)
                .status()).isEqualTo(200);
        fixture = new MalformedRequests.Fixture(tenant, targetKeyId, TestApi.ADMIN_KEY, tenantAdminKey,
                tenantViewerKey, otherAdminKey, revoked.get("apiKey").asText());

        routes = RestRoute.discover(mapping, "/api/");
        List<FuzzRequest> requests = new MalformedRequests(SEED, routes, this::needsKey, fixture, json)
                .generate(REQUESTS);
        tenantEventsBefore = tenantEvents();
        FuzzClient client = new FuzzClient(port);
        for (FuzzRequest request : requests) {
            outcomes.put(request, client.send(request));
        }
        tenantEventsAfter = tenantEvents();
        eventsFromFuzzRequests = eventsWithRequestIdPrefix(MalformedRequests.requestIdPrefix(SEED));
        log.info("Fuzzed {} routes with {} requests (seed {}); outcomes per category: {}", routes.size(),
                requests.size(), SEED, summary());
    }

    @Test
    void theFuzzReachesEveryRestRoute() {
        assertThat(routes).extracting(RestRoute::pattern)
                .contains("/api/tenants", "/api/tenants/{tenantId}/api-keys", "/api/api-keys/{keyId}/revoke");
        assertThat(outcomes).hasSizeGreaterThanOrEqualTo(REQUESTS);
        for (RestRoute route : routes) {
            assertThat(outcomes.keySet()).as("requests at " + route)
                    .anyMatch(r -> r.target().startsWith(route.pattern().replaceAll("\\{.*", "")));
        }
    }

    @Test
    void noMalformedRequestIsAnsweredWithA5xx() {
        assertThat(describe(outcomes.entrySet().stream()
                .filter(e -> e.getValue().status() >= 500 || e.getValue().status() < 0).toList())).isEmpty();
    }

    @Test
    void everyMalformedRequestIsRefusedWithAProblemJsonCarryingACode() {
        assertThat(describe(outcomes.entrySet().stream()
                .filter(e -> !isProblemRefusal(e.getKey(), e.getValue())).toList())).isEmpty();
    }

    @Test
    void noRefusedRequestLeftAnEventBehind() {
        assertThat(eventsFromFuzzRequests).isZero();
        assertThat(tenantEventsAfter).isEqualTo(tenantEventsBefore);
    }

    @Test
    void aValidRequestStillWorksAfterTheFuzzing() {
        String requestId = "fuzz-check-" + UUID.randomUUID();
        TestApi.Response renamed = api.send(HttpRequest.newBuilder(
                        URI.create(api.base() + "/api/tenants/" + fixture.tenantId() + "/rename"))
                .header("Content-Type", "application/json").header("X-Request-Id", requestId)
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"fuzz target renamed\"}")),
                fixture.tenantAdminKey());

        assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
        assertThat(eventsWithRequestIdPrefix(requestId)).isEqualTo(1);
        assertThat(tenantEvents()).isEqualTo(tenantEventsAfter + 1);
    }

    @Test
    void aValidationAnswerListsEveryFieldError() {
        TestApi.Response r = api.post("/api/tenants/" + fixture.tenantId() + "/api-keys", TestApi.ADMIN_KEY,
                "{\"roles\": [], \"quotaMonthly\": 0}");

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().get("code").asText()).isEqualTo("validation_failed");
        List<String> fields = new ArrayList<>();
        r.json().get("errors").forEach(error -> fields.add(error.get("field").asText()));
        assertThat(fields).containsExactlyInAnyOrder("roles", "quotaMonthly");
        r.json().get("errors").forEach(error -> assertThat(error.get("message").asText()).isNotBlank());
    }

    /** Only GET routes may be public; a plain GET without a key tells. */
    private boolean needsKey(RestRoute route) {
        if (!route.methods().equals(java.util.Set.of("GET"))) {
            return true;
        }
        String path = route.path(route.pathVariables().keySet().stream()
                .collect(Collectors.toMap(name -> name, name -> UUID.randomUUID().toString())));
        return api.get(path, null).status() == 401;
    }

    private boolean isProblemRefusal(FuzzRequest request, Outcome outcome) {
        if (outcome.status() < 400 || outcome.status() > 499
                || !outcome.contentType().startsWith("application/problem+json")) {
            return false;
        }
        if (request.method().equals("HEAD")) {
            return true; // a HEAD answer has no body to carry the code
        }
        try {
            JsonNode code = json.readTree(outcome.body()).get("code");
            return code != null && code.isTextual() && !code.asText().isBlank();
        } catch (Exception notJson) {
            return false;
        }
    }

    private List<String> describe(List<Map.Entry<FuzzRequest, Outcome>> failures) {
        return failures.stream().map(e -> e.getKey().describe() + "\n    → " + e.getValue().status() + " "
                + e.getValue().contentType() + " " + abbreviate(e.getValue().body()) + "\n    (seed " + SEED + ")")
                .toList();
    }

    private Map<String, Map<Integer, Long>> summary() {
        return outcomes.entrySet().stream().collect(Collectors.groupingBy(e -> e.getKey().category()
                .replaceAll(" (for|in) .*", ""), TreeMap::new, Collectors.groupingBy(e -> e.getValue().status(),
                TreeMap::new, Collectors.counting())));
    }

    private long tenantEvents() {
        return jdbc.queryForObject("""
                SELECT count(*) FROM domainevententry
                WHERE aggregateidentifier = ? OR convert_from(metadata, 'UTF8')::jsonb ->> 'tenantId' = ?""",
                Long.class, fixture.tenantId(), fixture.tenantId());
    }

    private long eventsWithRequestIdPrefix(String prefix) {
        return jdbc.queryForObject("""
                SELECT count(*) FROM domainevententry
                WHERE starts_with(convert_from(metadata, 'UTF8')::jsonb ->> 'requestId', ?)""", Long.class, prefix);
    }

    private static String abbreviate(String body) {
        return body == null ? "" : body.length() > 300 ? body.substring(0, 300) + "…" : body;
    }
}
