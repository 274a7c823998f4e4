package io.p3protocol.query.graphql;

import graphql.GraphqlErrorBuilder;
import org.reactivestreams.Publisher;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.WebSocketGraphQlRequest;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.Map;

/**
 * A subscription sent as a plain JSON POST would otherwise come back as the serialized innards of a stream object.
 * Subscriptions run over WebSocket ({@code /graphql-ws}) or Server-Sent Events ({@code POST /graphql} with
 * {@code Accept: text/event-stream}); anything else gets a BAD_REQUEST error saying so. The stream is never
 * subscribed to, so no subscription query is registered.
 */
@Component
public class SubscriptionTransportGuard implements WebGraphQlInterceptor {

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        if (request instanceof WebSocketGraphQlRequest
                || request.getHeaders().getAccept().contains(MediaType.TEXT_EVENT_STREAM)) {
            return chain.next(request);
        }
        return chain.next(request).map(response -> response.getExecutionResult().getData() instanceof Publisher<?>
                ? response.transform(result -> result.data(null).errors(List.of(GraphqlErrorBuilder.newError()
                        .errorType(ErrorType.BAD_REQUEST)
                        .message("Subscriptions are served over WebSocket at /graphql-ws (graphql-transport-ws), "
                                + "or as Server-Sent Events: POST /graphql with 'Accept: text/event-stream'.")
                        .extensions(Map.of("code", "subscription_needs_streaming_transport")).build())))
                : response);
    }
}
