package io.p3protocol.app.graphql;

import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import io.p3protocol.app.support.IntegrationTest;
import io.p3protocol.app.support.TestApi;
import io.p3protocol.projection.tenancy.TenancyViewProjection;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.client.WebSocketGraphQlClientInterceptor;
import org.springframework.graphql.test.tester.WebSocketGraphQlTester;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** GraphQL subscriptions over a real WebSocket (graphql-transport-ws) fed by Axon subscription queries. */
@IntegrationTest
class GraphQlSubscriptionTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String KEY_ISSUED = "subscription { apiKeyIssued { id tenantId roles status issuedBy } }";

    @LocalServerPort
    int port;
    @Autowired
    EventProcessingConfiguration eventProcessing;
    TestApi api;
    private final List<Disposable> subscriptions = new ArrayList<>();
    private final List<WebSocketGraphQlTester> connections = new ArrayList<>();

    @BeforeEach
    void setUp() {
        api = new TestApi(port);
    }

    @AfterEach
    void closeEverything() {
        subscriptions.forEach(Disposable::dispose);
        connections.forEach(connection -> connection.stop().block(Duration.ofSeconds(5)));
    }

    @Test
    void aSubscriberIsToldOfATenantCreatedThroughRest() {
        BlockingQueue<Map<String, Object>> created = listen(connect(TestApi.ADMIN_KEY),
                "subscription { tenantCreated { id name status createdBy } }", "tenantCreated");
        String name = "live-" + UUID.randomUUID();

        String tenantId = api.createTenant(name);

        Map<String, Object> tenant = awaitItem(created, t -> name.equals(t.get("name")));
        assertThat(tenant).containsEntry("id", tenantId).containsEntry("status", "ACTIVE")
                .containsEntry("createdBy", "platform-admin");
    }

    @Test
    void aTenantKeyIsToldOfKeysIssuedForItsTenant() {
        String tenant = api.createTenant("live-keys");
        String tenantAdminKey = api.issueKey(tenant, "admin").get("apiKey").asText();
        BlockingQueue<Map<String, Object>> issued = listen(connect(tenantAdminKey), KEY_ISSUED, "apiKeyIssued");

        String keyId = api.issueKey(tenant, "viewer", "operator").get("keyId").asText();

        Map<String, Object> key = awaitItem(issued, k -> keyId.equals(k.get("id")));
        assertThat(key).containsEntry("tenantId", tenant).containsEntry("status", "ACTIVE")
                .containsEntry("roles", List.of("OPERATOR", "VIEWER")).containsEntry("issuedBy", "platform-admin");
    }

    @Test
    void aTenantKeyIsNotToldOfAnotherTenantsKeys() {
        String own = api.createTenant("live-own");
        String other = api.createTenant("live-other");
        String ownKey = api.issueKey(own, "viewer").get("apiKey").asText();
        BlockingQueue<Map<String, Object>> everything = listen(connect(TestApi.ADMIN_KEY), KEY_ISSUED, "apiKeyIssued");
        BlockingQueue<Map<String, Object>> ownOnly = listen(connect(ownKey), KEY_ISSUED, "apiKeyIssued");

        String otherKeyId = api.issueKey(other, "viewer").get("keyId").asText();
        // Once the admin has it, the update was offered to every subscription, the tenant's one included.
        awaitItem(everything, k -> otherKeyId.equals(k.get("id")));
        String ownKeyId = api.issueKey(own, "viewer").get("keyId").asText();
        List<Map<String, Object>> heardByTenant = awaitItems(ownOnly, k -> ownKeyId.equals(k.get("id")));

        // Updates reach a subscriber in emission order: had the other tenant's key been delivered, it would be here.
        assertThat(heardByTenant).extracting(k -> k.get("tenantId")).containsOnly(own);
        assertThat(heardByTenant).extracting(k -> k.get("id")).doesNotContain(otherKeyId);
    }

    @Test
    void aTenantKeyCannotSubscribeToAnotherTenantsKeys() {
        String other = api.createTenant("live-foreign");
        String key = api.issueKey(api.createTenant("live-nosy"), "admin").get("apiKey").asText();
        WebSocketGraphQlTester connection = connect(key);

        assertThatThrownBy(() -> connection
                .document("subscription($t: ID) { apiKeyIssued(tenantId: $t) { id } }").variable("t", other)
                .executeSubscription().toFlux().blockFirst(WAIT))
                .hasMessageContaining("no tenant " + other);
    }

    @Test
    void rebuildingTheReadModelsReplaysNothingToSubscribers() {
        String before = api.createTenant("before-replay-" + UUID.randomUUID());
        new GraphQlHttp(api).await(TestApi.ADMIN_KEY, "query($id: ID!) { tenant(id: $id) { id } }",
                Map.of("id", before), r -> !r.at("/data/tenant").isNull());
        BlockingQueue<Map<String, Object>> created = listen(connect(TestApi.ADMIN_KEY),
                "subscription { tenantCreated { id name } }", "tenantCreated");

        StreamingEventProcessor views = eventProcessing
                .eventProcessor(TenancyViewProjection.PROCESSING_GROUP, StreamingEventProcessor.class).orElseThrow();
        views.shutDown();
        views.resetTokens();
        views.start();
        awaitReplayFinished(views);
        String after = "after-replay-" + UUID.randomUUID();
        api.createTenant(after);

        // Updates arrive in emission order: anything the replay had pushed would come before the new tenant.
        List<Map<String, Object>> heard = awaitItems(created, t -> after.equals(t.get("name")));
        assertThat(heard).extracting(t -> t.get("name")).containsExactly(after);
    }

    @Test
    void aConnectionWithoutAKeyIsClosedAsUnauthorized() {
        assertThat(firstReplyToInit("{}", new HttpHeaders())).isEqualTo("closed 4401");
    }

    @Test
    void aConnectionWithAnUnknownKeyIsClosedAsUnauthorized() {
        assertThat(firstReplyToInit("{\"X-API-Key\":\"p3k_not-a-real-key\"}", new HttpHeaders()))
                .isEqualTo("closed 4401");
    }

    @Test
    void aBrowserLoginOnTheUpgradeWorksFromThisSiteOnly() {
        HttpHeaders fromGraphiql = basicLogin(TestApi.ADMIN_KEY);
        fromGraphiql.setOrigin("http://127.0.0.1:" + port);
        HttpHeaders fromOtherSite = basicLogin(TestApi.ADMIN_KEY);
        fromOtherSite.setOrigin("http://evil.example");

        assertThat(firstReplyToInit("{}", fromGraphiql)).contains("\"connection_ack\"");
        // Otherwise any site a logged-in user visits could read their subscriptions (WebSockets ignore CORS).
        assertThatThrownBy(() -> firstReplyToInit("{}", fromOtherSite))
                .isInstanceOf(WebSocketClientHandshakeException.class).hasMessageContaining("403");
    }

    @Test
    void aKeyOnTheUpgradeRequestIsAccepted() {
        WebSocketGraphQlTester connection = WebSocketGraphQlTester.builder(webSocketUrl(),
                new ReactorNettyWebSocketClient()).header("Authorization", "Bearer " + TestApi.ADMIN_KEY).build();
        connections.add(connection);

        connection.document("{ me { actor } }").execute().path("me.actor").entity(String.class)
                .isEqualTo("platform-admin");
    }

    private WebSocketGraphQlTester connect(String apiKey) {
        WebSocketGraphQlTester connection = WebSocketGraphQlTester.builder(webSocketUrl(),
                new ReactorNettyWebSocketClient()).interceptor(new WebSocketGraphQlClientInterceptor() {
                    @Override
                    public Mono<Object> connectionInitPayload() {
                        return Mono.just(Map.of("X-API-Key", apiKey));
                    }
                }).build();
        connections.add(connection);
        return connection;
    }

    /**
     * Subscribes, and returns once the server has registered the subscription: the server handles one connection's
     * messages in order and registers the subscription query while handling the subscribe message, so the answer
     * to a query sent after it proves the registration.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private BlockingQueue<Map<String, Object>> listen(WebSocketGraphQlTester connection, String document,
                                                     String field) {
        roundTrip(connection);
        BlockingQueue<Map<String, Object>> received = new LinkedBlockingQueue<>();
        subscriptions.add(connection.document(document).executeSubscription().toFlux(field, Map.class)
                .subscribe(item -> received.add((Map<String, Object>) item),
                        error -> received.add(Map.of("subscriptionFailed", String.valueOf(error)))));
        roundTrip(connection);
        return received;
    }

    private static void roundTrip(WebSocketGraphQlTester connection) {
        connection.document("{ me { actor } }").execute().path("me.actor").hasValue();
    }

    private static Map<String, Object> awaitItem(BlockingQueue<Map<String, Object>> queue,
                                                 Predicate<Map<String, Object>> wanted) {
        List<Map<String, Object>> items = awaitItems(queue, wanted);
        return items.get(items.size() - 1);
    }

    /** Everything received up to and including the first wanted item. */
    private static List<Map<String, Object>> awaitItems(BlockingQueue<Map<String, Object>> queue,
                                                        Predicate<Map<String, Object>> wanted) {
        List<Map<String, Object>> seen = new ArrayList<>();
        Instant deadline = Instant.now().plus(WAIT);
        try {
            while (Instant.now().isBefore(deadline)) {
                Map<String, Object> item = queue.poll(200, TimeUnit.MILLISECONDS);
                if (item == null) {
                    continue;
                }
                assertThat(item).doesNotContainKey("subscriptionFailed");
                seen.add(item);
                if (wanted.test(item)) {
                    return seen;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new AssertionError("no wanted update within " + WAIT + "; received " + seen);
    }

    /** Until every segment (application.yml: initial-segment-count 2) is claimed again and has caught up. */
    private static void awaitReplayFinished(StreamingEventProcessor processor) {
        Instant deadline = Instant.now().plus(WAIT);
        while (processor.processingStatus().size() < 2
                || !processor.processingStatus().values().stream().allMatch(s -> s.isCaughtUp())) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the replay of " + processor.getName() + " did not finish within " + WAIT);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * Opens a raw graphql-transport-ws connection, sends connection_init, and returns the server's first message,
     * or {@code "closed <code>"} when the server closed the connection instead.
     */
    private String firstReplyToInit(String initPayload, HttpHeaders upgradeHeaders) {
        String[] reply = new String[1];
        new ReactorNettyWebSocketClient().execute(URI.create(webSocketUrl()), upgradeHeaders, new WebSocketHandler() {
            @Override
            public List<String> getSubProtocols() {
                return List.of("graphql-transport-ws");
            }

            @Override
            public Mono<Void> handle(WebSocketSession session) {
                String init = "{\"type\":\"connection_init\",\"payload\":" + initPayload + "}";
                return session.send(Mono.just(session.textMessage(init)))
                        .then(session.receive().map(WebSocketMessage::getPayloadAsText).next())
                        .switchIfEmpty(session.closeStatus().map(status -> "closed " + status.getCode()))
                        .doOnNext(message -> reply[0] = message)
                        .then(session.close());
            }
        }).block(WAIT);
        assertThat(reply[0]).as("the server's answer to connection_init").isNotNull();
        return reply[0];
    }

    private static HttpHeaders basicLogin(String key) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth("someone", key);
        return headers;
    }

    private String webSocketUrl() {
        return "ws://127.0.0.1:" + port + "/graphql-ws";
    }
}
