package io.p3protocol.query.graphql;

/** A GraphQL argument the client got wrong: reported as a BAD_REQUEST error with {@link #code()}. */
public class InvalidGraphQlArgument extends RuntimeException {
    private final String code;

    public InvalidGraphQlArgument(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
