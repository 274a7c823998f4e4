package io.p3protocol.app.graphql;

import io.p3protocol.app.policy.TenantPolicyFilter;
import io.p3protocol.app.security.ApiKeyAuthenticator;
import io.p3protocol.app.security.AuthenticationOutcome;
import io.p3protocol.app.security.PresentedKey;
import io.p3protocol.kernel.security.Caller;
import io.p3protocol.query.graphql.GraphQlCaller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.WebSocketGraphQlInterceptor;
import org.springframework.graphql.server.WebSocketGraphQlRequest;
import org.springframework.graphql.server.WebSocketSessionInfo;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.util.Map;

/**
 * Puts the authenticated {@link Caller} into every GraphQL request's context.
 * <ul>
 *   <li>HTTP ({@code /graphql}): the servlet filter has already authenticated the request and left the caller in a
 *   request attribute.</li>
 *   <li>WebSocket ({@code /graphql-ws}): the upgrade is exempt from the servlet filter, because browsers cannot put
 *   headers on a WebSocket. The key comes from the {@code connection_init} payload ({@code {"X-API-Key": "..."}} or
 *   {@code {"Authorization": "Bearer ..."}}), or else from the upgrade request's own headers. A connection without
 *   a valid key is closed with 4401 Unauthorized before any operation runs.</li>
 * </ul>
 * Browsers attach their Basic login to a WebSocket upgrade whichever page opens it, and WebSockets are not subject
 * to CORS; the upgrade-header key is still safe to use because Spring's handshake refuses (403) upgrades whose
 * {@code Origin} is another site unless {@code spring.graphql.cors} allows that origin.
 */
@Component
public class GraphQlAuthentication implements WebSocketGraphQlInterceptor {
    private static final Logger log = LoggerFactory.getLogger(GraphQlAuthentication.class);
    /** The WebSocket session attribute that holds the caller once {@code connection_init} was accepted. */
    static final String SESSION_CALLER = "p3.graphql-ws.caller";

    private final ApiKeyAuthenticator authenticator;

    public GraphQlAuthentication(ApiKeyAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        Object caller = request instanceof WebSocketGraphQlRequest webSocket
                ? webSocket.getSessionInfo().getAttributes().get(SESSION_CALLER)
                : request.getAttributes().get(Caller.REQUEST_ATTRIBUTE);
        if (!(caller instanceof Caller authenticated)) {
            // Unreachable through the filter and connection_init; refuse rather than run unauthenticated.
            return Mono.error(new IllegalStateException("GraphQL request without an authenticated caller"));
        }
        Object policy = request instanceof WebSocketGraphQlRequest ? null
                : request.getAttributes().get(TenantPolicyFilter.POLICY_ATTRIBUTE);
        Map<String, Object> context = policy == null ? Map.of(GraphQlCaller.CONTEXT_KEY, authenticated)
                : Map.of(GraphQlCaller.CONTEXT_KEY, authenticated, TenantPolicyFilter.POLICY_ATTRIBUTE, policy);
        request.configureExecutionInput((input, builder) -> builder.graphQLContext(context).build());
        return chain.next(request);
    }

    @Override
    public Mono<Object> handleConnectionInitialization(WebSocketSessionInfo session, Map<String, Object> payload) {
        return Mono.fromCallable(() -> {
            String key = PresentedKey.from(name -> payloadEntry(payload, name));
            if (key == null) {
                key = PresentedKey.from(session.getHeaders()::getFirst);
            }
            if (key == null) {
                log.debug("GraphQL WebSocket {} refused: no API key in connection_init nor on the upgrade", session.getId());
                throw new WebSocketRefused("missing_api_key");
            }
            AuthenticationOutcome outcome = authenticator.authenticate(key);
            if (!outcome.isAccepted()) {
                log.debug("GraphQL WebSocket {} refused: {}", session.getId(), outcome.code());
                throw new WebSocketRefused(outcome.code());
            }
            session.getAttributes().put(SESSION_CALLER, outcome.caller());
            return (Object) Map.of();
        });
    }

    /** Payload keys are matched like HTTP header names: without regard to case. */
    private static String payloadEntry(Map<String, Object> payload, String name) {
        if (payload == null) {
            return null;
        }
        return payload.entrySet().stream()
                .filter(entry -> entry.getKey().equalsIgnoreCase(name) && entry.getValue() instanceof String)
                .map(entry -> (String) entry.getValue())
                .findFirst().orElse(null);
    }

    /** Closes the connection with 4401 (Spring GraphQL's answer to a failed connection_init). */
    static final class WebSocketRefused extends RuntimeException {
        WebSocketRefused(String code) {
            super(code, null, false, false);
        }
    }
}
