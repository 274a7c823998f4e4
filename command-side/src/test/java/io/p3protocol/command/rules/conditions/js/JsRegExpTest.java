package io.p3protocol.command.rules.conditions.js;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Compilation outcomes and resource limits of JavaScript regular expressions on java.util.regex. */
class JsRegExpTest {

    @Test
    void aPatternJavaScriptRejectsIsASyntaxErrorWithV8sReason() {
        JsRegExp regExp = JsRegExp.compile("a**");

        assertThat(regExp.status()).isEqualTo(JsRegExp.Status.SYNTAX_ERROR);
        assertThat(regExp.problem()).isEqualTo("Invalid regular expression: /a**/: Nothing to repeat");
    }

    @Test
    void aBackReferenceInsideALookbehindIsReportedAsUnsupported() {
        JsRegExp regExp = JsRegExp.compile("(a)(?<=\\1)b");

        assertThat(regExp.status()).isEqualTo(JsRegExp.Status.UNSUPPORTED);
        assertThat(regExp.problem()).contains("lookbehind");
    }

    @Test
    void catastrophicBacktrackingStopsWithAnErrorInsteadOfHanging() {
        JsRegExp regExp = JsRegExp.compile("(.*a){15}b"); // C(30,15) ways to split the input before failing

        assertThatThrownBy(() -> regExp.test("a".repeat(30)))
                .isInstanceOf(JsRegExp.ResourceExhausted.class)
                .hasMessageContaining("catastrophic backtracking");
    }

    @Test
    void theSameCatastrophicPatternStillAnswersOnInputsItHandlesQuickly() {
        assertThat(JsRegExp.compile("(.*a){15}b").test("a".repeat(15) + "b")).isTrue();
    }
}
