package io.p3protocol.query.graphql;

/**
 * Where the authenticated {@link io.p3protocol.kernel.security.Caller} lives in the GraphQL context. The app's
 * GraphQL interceptor puts it there for HTTP requests (from the servlet filter) and for WebSocket connections (from
 * {@code connection_init}); controllers take it with {@code @ContextValue(name = GraphQlCaller.CONTEXT_KEY)}.
 */
public final class GraphQlCaller {
    public static final String CONTEXT_KEY = "p3.caller";

    private GraphQlCaller() {
    }
}
