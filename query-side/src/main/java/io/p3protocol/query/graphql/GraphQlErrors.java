package io.p3protocol.query.graphql;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.schema.DataFetchingEnvironment;
import io.p3protocol.kernel.errors.AccessDenied;
import io.p3protocol.kernel.errors.InvalidInput;
import io.p3protocol.kernel.errors.UnknownAggregate;
import org.springframework.graphql.execution.DataFetcherExceptionResolverAdapter;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.execution.SubscriptionExceptionResolverAdapter;
import org.springframework.lang.Nullable;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Turns the refusals a client can cause into GraphQL errors with a classification and the same {@code code} REST
 * uses. Anything else stays Spring's INTERNAL_ERROR (and is logged), because it is a bug, not bad input.
 */
public final class GraphQlErrors {
    private GraphQlErrors() {
    }

    @Nullable
    static GraphqlErrorBuilder<?> describe(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof InvalidGraphQlArgument invalid) {
            return build(ErrorType.BAD_REQUEST, invalid.code(), invalid.getMessage());
        }
        if (cause instanceof InvalidInput input) {
            return build(ErrorType.BAD_REQUEST, "validation_failed", input.getMessage());
        }
        if (cause instanceof UnknownAggregate unknown) {
            return build(ErrorType.NOT_FOUND, unknown.code(), unknown.getMessage());
        }
        if (cause instanceof AccessDenied denied) {
            return build(ErrorType.FORBIDDEN, denied.code(), denied.getMessage());
        }
        return null;
    }

    private static GraphqlErrorBuilder<?> build(ErrorType type, String code, String message) {
        return GraphqlErrorBuilder.newError().errorType(type).message(message).extensions(Map.of("code", code));
    }

    /** The query bus and futures wrap what a handler threw. */
    private static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        while ((current instanceof CompletionException || current instanceof ExecutionException
                || current instanceof org.axonframework.messaging.HandlerExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    /** Errors of queries, mutations and of setting up a subscription. */
    @Component
    static class DataFetcherErrors extends DataFetcherExceptionResolverAdapter {
        @Override
        protected GraphQLError resolveToSingleError(Throwable ex, DataFetchingEnvironment env) {
            GraphqlErrorBuilder<?> error = describe(ex);
            return error == null ? null : error.path(env.getExecutionStepInfo().getPath())
                    .location(env.getField().getSourceLocation()).build();
        }
    }

    /** Errors raised while a subscription's stream is running. */
    @Component
    static class SubscriptionErrors extends SubscriptionExceptionResolverAdapter {
        @Override
        protected GraphQLError resolveToSingleError(Throwable ex) {
            GraphqlErrorBuilder<?> error = describe(ex);
            return error == null ? null : error.build();
        }
    }
}
