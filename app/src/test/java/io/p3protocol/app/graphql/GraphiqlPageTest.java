package io.p3protocol.app.graphql;

import io.p3protocol.app.support.IntegrationTest;
import io.p3protocol.app.support.TestApi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The browser-facing side of authentication, and the GraphiQL page's own HTTP answers (the browser test drives it). */
@IntegrationTest
class GraphiqlPageTest {
    @LocalServerPort
    int port;
    TestApi api;

    @BeforeEach
    void setUp() {
        api = new TestApi(port);
    }

    @Test
    void browserPagesWithoutAKeyAskForABasicLogin() {
        for (String page : new String[]{"/graphiql", "/swagger-ui/index.html"}) {
            TestApi.Response r = api.get(page, null);

            assertThat(r.status()).as(page).isEqualTo(401);
            assertThat(r.header("WWW-Authenticate")).as(page).startsWith("Basic realm=\"P3\"");
            assertThat(r.contentType()).as(page).startsWith("application/problem+json");
            assertThat(r.json().get("code").asText()).as(page).isEqualTo("missing_api_key");
        }
    }

    @Test
    void apiRoutesWithoutAKeyDoNotAskForALogin() {
        TestApi.Response r = api.post("/graphql", null, Map.of("query", "{ me { actor } }"));

        assertThat(r.status()).isEqualTo(401);
        assertThat(r.header("WWW-Authenticate")).isNull();
    }

    @Test
    void basicAuthWithTheKeyAsPasswordAuthenticatesAnyUser() {
        String tenant = api.createTenant("basic-login");
        var issued = api.issueKey(tenant, "viewer");

        TestApi.Response r = api.send(HttpRequest.newBuilder(URI.create(api.base() + "/graphql"))
                .header("Authorization", basic("whoever", issued.get("apiKey").asText()))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ me { actor } }\"}")), null);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().at("/data/me/actor").asText()).isEqualTo("key:" + issued.get("keyId").asText());
    }

    @Test
    void aWrongBasicPasswordIsAnInvalidKey() {
        TestApi.Response r = api.send(HttpRequest.newBuilder(URI.create(api.base() + "/graphiql"))
                .header("Authorization", basic("someone", "p3k_wrong")).GET(), null);

        assertThat(r.status()).isEqualTo(403);
        assertThat(r.json().get("code").asText()).isEqualTo("invalid_api_key");
    }

    @Test
    void graphiqlIsServedFromTheJarAndMayOnlyLoadFromThisOrigin() {
        TestApi.Response page = api.get("/graphiql", TestApi.ADMIN_KEY);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body()).contains("graphiql/vendor/graphiql.min.js", "graphiql/p3-graphiql.js")
                .doesNotContain("://");
        assertThat(page.header("Content-Security-Policy"))
                .contains("default-src 'none'", "script-src 'self'", "connect-src 'self'");
        for (String asset : new String[]{"vendor/react.production.min.js", "vendor/react-dom.production.min.js",
                "vendor/graphiql.min.js", "vendor/graphiql.min.css", "p3-graphiql.js"}) {
            assertThat(api.get("/graphiql/" + asset, TestApi.ADMIN_KEY).status()).as(asset).isEqualTo(200);
        }
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
