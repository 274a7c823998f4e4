package io.p3protocol.command.rules.conditions;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The matches operator behaves like {@code new RegExp(value).test(field)} in JavaScript, including where
 * java.util.regex alone would differ (src/test/resources/rules/regexp.psv).
 */
class RegExpSemanticsTest {

    static List<ConditionCases.Case> regExpCases() {
        return ConditionCases.regExpCases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("regExpCases")
    void patternMatchesLikeJavaScript(ConditionCases.Case testCase) {
        assertThat(ConditionCases.evaluate(testCase.condition(), testCase.event())).isEqualTo(testCase.expected());
    }
}
