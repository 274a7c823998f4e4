package io.p3protocol.command.rules.conditions.js;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code new RegExp(source)} without flags and its {@code test(string)}, run on {@link java.util.regex} through
 * {@link JsRegExpTranslator}. Compiling gives one of three states:
 * <ul>
 *   <li>valid: JavaScript accepts the source and the translation compiled;</li>
 *   <li>a JavaScript SyntaxError: the original's {@code new RegExp} would throw (its rules engine then treats the
 *       pattern as not matching);</li>
 *   <li>unsupported: JavaScript accepts it but Java cannot run it faithfully (see docs/rules.md).</li>
 * </ul>
 */
public final class JsRegExp {
    /**
     * Upper bound on characters the matcher may read per {@code test}. A backtracking explosion ("catastrophic"
     * patterns) would hang the original's event loop; here it stops with an error instead.
     */
    static final long CHARACTER_READ_BUDGET = 10_000_000;

    public enum Status { VALID, SYNTAX_ERROR, UNSUPPORTED }

    private final String source;
    private final Status status;
    private final Pattern pattern;
    private final String problem;

    private JsRegExp(String source, Status status, Pattern pattern, String problem) {
        this.source = source;
        this.status = status;
        this.pattern = pattern;
        this.problem = problem;
    }

    public static JsRegExp compile(String source) {
        String java;
        try {
            java = JsRegExpTranslator.translate(source);
        } catch (JsRegExpTranslator.SyntaxError e) {
            return new JsRegExp(source, Status.SYNTAX_ERROR, null,
                    "Invalid regular expression: /" + source + "/: " + e.getMessage());
        } catch (JsRegExpTranslator.Unsupported e) {
            return new JsRegExp(source, Status.UNSUPPORTED, null, e.getMessage());
        }
        try {
            return new JsRegExp(source, Status.VALID, Pattern.compile(java), null);
        } catch (PatternSyntaxException | StackOverflowError e) {
            String reason = e instanceof PatternSyntaxException syntax ? syntax.getDescription() : "nested too deeply";
            return new JsRegExp(source, Status.UNSUPPORTED, null, "java.util.regex cannot run it (" + reason + ")");
        }
    }

    public String source() {
        return source;
    }

    public Status status() {
        return status;
    }

    /** Why the pattern is not valid: V8-style SyntaxError text, or what Java cannot do. Null when valid. */
    public String problem() {
        return problem;
    }

    /**
     * {@code regex.test(input)}: an unanchored search.
     *
     * @throws IllegalStateException when the pattern is not {@link Status#VALID}
     * @throws ResourceExhausted when the search reads more than {@link #CHARACTER_READ_BUDGET} characters or
     *                           overflows the stack
     */
    public boolean test(String input) {
        if (status != Status.VALID) {
            throw new IllegalStateException("cannot run /" + source + "/: " + problem);
        }
        try {
            return pattern.matcher(new BudgetedInput(input)).find();
        } catch (StackOverflowError e) {
            throw new ResourceExhausted("the regular expression /" + source + "/ needs too much stack for this input");
        }
    }

    /** A regular expression search that was stopped because it cost too much. */
    public static final class ResourceExhausted extends RuntimeException {
        ResourceExhausted(String message) {
            super(message, null, false, false);
        }
    }

    /** The input, counting every character the matcher reads. */
    private final class BudgetedInput implements CharSequence {
        private final String text;
        private long remaining = CHARACTER_READ_BUDGET;

        BudgetedInput(String text) {
            this.text = text;
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public char charAt(int index) {
            if (--remaining < 0) {
                throw new ResourceExhausted("the regular expression /" + source + "/ read more than "
                        + CHARACTER_READ_BUDGET + " characters on one input (catastrophic backtracking)");
            }
            return text.charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return text.subSequence(start, end);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
