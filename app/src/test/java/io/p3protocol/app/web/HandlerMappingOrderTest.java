package io.p3protocol.app.web;

import io.p3protocol.app.support.IntegrationTest;
import io.p3protocol.app.support.TestApi;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.servlet.function.support.RouterFunctionMapping;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** REST requests find their controller first; GraphQL's functional route is still found after it. */
@IntegrationTest
class HandlerMappingOrderTest {
    @LocalServerPort
    int port;
    @Autowired
    RouterFunctionMapping routes;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping controllers;

    @Test
    void annotatedControllersAreLookedUpBeforeFunctionalRoutes() {
        assertThat(routes.getOrder()).isGreaterThan(controllers.getOrder());
    }

    @Test
    void aGraphQlRequestStillReachesItsRoute() {
        TestApi.Response answer = new TestApi(port).post("/graphql", TestApi.ADMIN_KEY,
                Map.of("query", "{ __typename }"));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().at("/data/__typename").asText()).isEqualTo("Query");
    }
}
