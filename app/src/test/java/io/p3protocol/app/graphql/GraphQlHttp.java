package io.p3protocol.app.graphql;

import com.fasterxml.jackson.databind.JsonNode;
import io.p3protocol.app.support.TestApi;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Predicate;

/** GraphQL over real HTTP ({@code POST /graphql}) for tests, on top of {@link TestApi}. */
final class GraphQlHttp {
    private final TestApi api;

    GraphQlHttp(TestApi api) {
        this.api = api;
    }

    /** The whole GraphQL response ({@code data} and {@code errors}); fails unless HTTP 200. */
    JsonNode execute(String apiKey, String document, Map<String, Object> variables) {
        TestApi.Response response = api.post("/graphql", apiKey, Map.of("query", document, "variables", variables));
        if (response.status() != 200) {
            throw new AssertionError("GraphQL over HTTP answered " + response.status() + ": " + response.body());
        }
        return response.json();
    }

    JsonNode execute(String apiKey, String document) {
        return execute(apiKey, document, Map.of());
    }

    /**
     * Read models follow the event store asynchronously: re-asks (up to 30 s) until {@code ready} holds for the
     * response, and returns that response.
     */
    JsonNode await(String apiKey, String document, Map<String, Object> variables, Predicate<JsonNode> ready) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        JsonNode last = execute(apiKey, document, variables);
        while (!ready.test(last)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("read model did not catch up; last response: " + last);
            }
            sleep();
            last = execute(apiKey, document, variables);
        }
        return last;
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
