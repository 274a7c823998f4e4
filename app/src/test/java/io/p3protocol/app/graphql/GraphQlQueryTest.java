package io.p3protocol.app.graphql;

import com.fasterxml.jackson.databind.JsonNode;
import io.p3protocol.app.support.IntegrationTest;
import io.p3protocol.app.support.TestApi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class GraphQlQueryTest {
    private static final String KEYS_PAGE = """
            query($tenantId: ID, $first: Int, $after: String) {
              apiKeys(tenantId: $tenantId, first: $first, after: $after) {
                edges { cursor node { id tenantId roles status quotaMonthly issuedAt issuedBy } }
                pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
              }
            }""";
    private static final String TENANTS_PAGE = """
            query($first: Int, $after: String) {
              tenants(first: $first, after: $after) {
                edges { cursor node { id name status createdAt createdBy updatedAt } }
                pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
              }
            }""";
    private static final String TENANT = "query($id: ID!) { tenant(id: $id) { id name } }";

    @LocalServerPort
    int port;
    TestApi api;
    GraphQlHttp graphQl;

    @BeforeEach
    void setUp() {
        api = new TestApi(port);
        graphQl = new GraphQlHttp(api);
    }

    @Test
    void apiKeysArePagedInIssueOrderWithOpaqueCursors() {
        String tenant = api.createTenant("paged-keys");
        List<String> issued = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            issued.add(api.issueKey(tenant, "viewer").get("keyId").asText());
        }
        graphQl.await(TestApi.ADMIN_KEY, KEYS_PAGE, vars("tenantId", tenant, "first", 100),
                r -> r.at("/data/apiKeys/edges").size() == 5);

        JsonNode first = keysPage(tenant, null);
        assertThat(ids(first)).containsExactlyElementsOf(issued.subList(0, 2));
        assertThat(first.at("/pageInfo/hasNextPage").asBoolean()).isTrue();
        assertThat(first.at("/pageInfo/hasPreviousPage").asBoolean()).isFalse();
        assertThat(first.at("/pageInfo/startCursor").asText()).isEqualTo(first.at("/edges/0/cursor").asText());
        assertThat(first.at("/pageInfo/endCursor").asText()).isEqualTo(first.at("/edges/1/cursor").asText());

        JsonNode second = keysPage(tenant, first.at("/pageInfo/endCursor").asText());
        assertThat(ids(second)).containsExactlyElementsOf(issued.subList(2, 4));
        assertThat(second.at("/pageInfo/hasNextPage").asBoolean()).isTrue();
        assertThat(second.at("/pageInfo/hasPreviousPage").asBoolean()).isTrue();

        JsonNode last = keysPage(tenant, second.at("/pageInfo/endCursor").asText());
        assertThat(ids(last)).containsExactly(issued.get(4));
        assertThat(last.at("/pageInfo/hasNextPage").asBoolean()).isFalse();

        JsonNode key = first.at("/edges/0/node");
        assertThat(key.get("tenantId").asText()).isEqualTo(tenant);
        assertThat(key.get("roles").toString()).isEqualTo("[\"VIEWER\"]");
        assertThat(key.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(key.get("quotaMonthly").asLong()).isEqualTo(100_000L);
        assertThat(key.get("issuedBy").asText()).isEqualTo("platform-admin");
        assertThat(key.get("issuedAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
    }

    @Test
    void tenantsArePagedInCreationOrderAcrossPages() {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        List<String> created = List.of(api.createTenant("order-1-" + marker), api.createTenant("order-2-" + marker),
                api.createTenant("order-3-" + marker));
        for (String tenant : created) {
            graphQl.await(TestApi.ADMIN_KEY, TENANT, vars("id", tenant), r -> !r.at("/data/tenant").isNull());
        }

        // Other tests share the database: walk every page and check where ours are.
        List<String> seen = new ArrayList<>();
        String after = null;
        boolean hasNext = true;
        int pages = 0;
        while (hasNext) {
            JsonNode page = graphQl.execute(TestApi.ADMIN_KEY, TENANTS_PAGE, vars("first", 2, "after", after))
                    .at("/data/tenants");
            assertThat(page.at("/edges").size()).isBetween(1, 2);
            assertThat(page.at("/pageInfo/hasPreviousPage").asBoolean()).isEqualTo(pages > 0);
            seen.addAll(ids(page));
            hasNext = page.at("/pageInfo/hasNextPage").asBoolean();
            after = page.at("/pageInfo/endCursor").asText();
            pages++;
        }
        assertThat(seen).doesNotHaveDuplicates().containsSubsequence(created);
        assertThat(pages).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aMalformedCursorIsABadRequestErrorWithAClearMessage() {
        JsonNode response = graphQl.execute(TestApi.ADMIN_KEY, TENANTS_PAGE, vars("first", 2, "after", "not-a-cursor"));

        JsonNode error = response.at("/errors/0");
        assertThat(error.at("/extensions/classification").asText()).isEqualTo("BAD_REQUEST");
        assertThat(error.at("/extensions/code").asText()).isEqualTo("invalid_cursor");
        assertThat(error.get("message").asText()).contains("'after' is not a cursor of the tenants list");
        assertThat(error.at("/path/0").asText()).isEqualTo("tenants");
    }

    @Test
    void aCursorOfAnotherListIsRefused() {
        String tenant = api.createTenant("cursor-mixup");
        JsonNode tenants = graphQl.await(TestApi.ADMIN_KEY, TENANTS_PAGE, vars("first", 1),
                r -> r.at("/data/tenants/edges").size() == 1);
        String tenantCursor = tenants.at("/data/tenants/edges/0/cursor").asText();

        JsonNode response = graphQl.execute(TestApi.ADMIN_KEY, KEYS_PAGE,
                vars("tenantId", tenant, "first", 5, "after", tenantCursor));

        assertThat(response.at("/errors/0/extensions/code").asText()).isEqualTo("invalid_cursor");
        assertThat(response.at("/errors/0/message").asText()).contains("apiKeys list");
    }

    @Test
    void firstOutsideOneToOneHundredIsABadRequestError() {
        for (int first : new int[]{0, -1, 101}) {
            JsonNode response = graphQl.execute(TestApi.ADMIN_KEY, TENANTS_PAGE, vars("first", first));

            assertThat(response.at("/errors/0/extensions/classification").asText()).isEqualTo("BAD_REQUEST");
            assertThat(response.at("/errors/0/extensions/code").asText()).isEqualTo("invalid_page_size");
            assertThat(response.at("/errors/0/message").asText()).contains("'first' must be between 1 and 100");
        }
    }

    @Test
    void aTenantKeySeesOnlyItsOwnTenantAndKeys() {
        String own = api.createTenant("scoped-own");
        String other = api.createTenant("scoped-other");
        String otherKeyId = api.issueKey(other, "admin").get("keyId").asText();
        JsonNode ownIssued = api.issueKey(own, "viewer");
        String key = ownIssued.get("apiKey").asText();
        graphQl.await(TestApi.ADMIN_KEY, KEYS_PAGE, vars("tenantId", own, "first", 10),
                r -> r.at("/data/apiKeys/edges").size() == 1);
        graphQl.await(TestApi.ADMIN_KEY, KEYS_PAGE, vars("tenantId", other, "first", 10),
                r -> r.at("/data/apiKeys/edges").size() == 1);

        JsonNode tenants = graphQl.execute(key, TENANTS_PAGE, vars("first", 100)).at("/data/tenants");
        assertThat(ids(tenants)).containsExactly(own);
        assertThat(tenants.at("/pageInfo/hasNextPage").asBoolean()).isFalse();

        assertThat(graphQl.execute(key, TENANT, vars("id", other)).at("/data/tenant").isNull()).isTrue();
        assertThat(graphQl.execute(key, TENANT, vars("id", own)).at("/data/tenant/id").asText()).isEqualTo(own);

        JsonNode ownKeys = graphQl.execute(key, KEYS_PAGE, vars("first", 100));
        assertThat(ids(ownKeys.at("/data/apiKeys"))).containsExactly(ownIssued.get("keyId").asText());

        JsonNode otherKeys = graphQl.execute(key, KEYS_PAGE, vars("tenantId", other, "first", 100));
        assertThat(otherKeys.at("/errors/0/extensions/classification").asText()).isEqualTo("NOT_FOUND");
        assertThat(otherKeys.at("/errors/0/extensions/code").asText()).isEqualTo("tenant_not_found");
        assertThat(otherKeys.toString()).doesNotContain(otherKeyId);
    }

    @Test
    void thePlatformAdminSeesEveryTenantWithItsKeys() {
        String tenant = api.createTenant("admin-visible");
        String keyId = api.issueKey(tenant, "operator").get("keyId").asText();
        String nested = """
                query($id: ID!) { tenant(id: $id) { id name status apiKeys(first: 5) { edges { node { id roles } } } } }""";

        JsonNode found = graphQl.await(TestApi.ADMIN_KEY, nested, vars("id", tenant),
                r -> r.at("/data/tenant/apiKeys/edges").size() == 1).at("/data/tenant");

        assertThat(found.get("name").asText()).isEqualTo("admin-visible");
        assertThat(found.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(found.at("/apiKeys/edges/0/node/id").asText()).isEqualTo(keyId);
        assertThat(found.at("/apiKeys/edges/0/node/roles").toString()).isEqualTo("[\"OPERATOR\"]");
    }

    @Test
    void meDescribesTheCallerWithoutKeyMaterial() {
        String tenant = api.createTenant("me");
        JsonNode issued = api.issueKey(tenant, "operator", "viewer");
        String key = issued.get("apiKey").asText();

        JsonNode response = graphQl.execute(key, "{ me { actor keyId tenantId roles platformAdmin } }");

        JsonNode me = response.at("/data/me");
        assertThat(me.get("actor").asText()).isEqualTo("key:" + issued.get("keyId").asText());
        assertThat(me.get("tenantId").asText()).isEqualTo(tenant);
        assertThat(me.get("roles").toString()).isEqualTo("[\"OPERATOR\",\"VIEWER\"]");
        assertThat(me.get("platformAdmin").asBoolean()).isFalse();
        assertThat(response.toString()).doesNotContain(key);
    }

    @Test
    void aSubscriptionSentAsAPlainPostIsToldWhereSubscriptionsAreServed() {
        JsonNode response = graphQl.execute(TestApi.ADMIN_KEY, "subscription { tenantCreated { id } }");

        assertThat(response.get("data").isNull()).isTrue();
        assertThat(response.at("/errors/0/extensions/classification").asText()).isEqualTo("BAD_REQUEST");
        assertThat(response.at("/errors/0/extensions/code").asText())
                .isEqualTo("subscription_needs_streaming_transport");
        assertThat(response.at("/errors/0/message").asText()).contains("/graphql-ws");
    }

    private JsonNode keysPage(String tenant, String after) {
        return graphQl.execute(TestApi.ADMIN_KEY, KEYS_PAGE, vars("tenantId", tenant, "first", 2, "after", after))
                .at("/data/apiKeys");
    }

    private static List<String> ids(JsonNode connection) {
        List<String> ids = new ArrayList<>();
        connection.get("edges").forEach(edge -> ids.add(edge.at("/node/id").asText()));
        return ids;
    }

    /** Variables by name and value; a null value is sent as JSON null. */
    private static Map<String, Object> vars(Object... namesAndValues) {
        Map<String, Object> variables = new HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            variables.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return variables;
    }
}
