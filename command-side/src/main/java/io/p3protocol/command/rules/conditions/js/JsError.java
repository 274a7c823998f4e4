package io.p3protocol.command.rules.conditions.js;

/**
 * An error the original JavaScript would have thrown at this point, with the original's (or V8's) message: for
 * example {@code Value for "in" operator must be an array}, or the TypeError
 * {@code Cannot read properties of null (reading 'conditions')}.
 *
 * <p>It is an expected outcome of evaluating user-written rules, not a bug, so it carries no stack trace (cheap to
 * throw on the per-event path).
 */
public final class JsError extends RuntimeException {
    public JsError(String message) {
        super(message, null, false, false);
    }
}
