package io.p3protocol.command.rules.conditions;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whole conditions (src/test/resources/rules/conditions.psv): dot paths with array and string indexes, paths into
 * built-ins, malformed nodes, and/or groups with the original's defaults, and short-circuiting past sub-conditions
 * that would throw.
 */
class ConditionEvaluationTest {

    static List<ConditionCases.Case> conditionCases() {
        return ConditionCases.conditionCases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("conditionCases")
    void conditionGivesTheOriginalsResult(ConditionCases.Case testCase) {
        assertThat(ConditionCases.evaluate(testCase.condition(), testCase.event()).strip())
                .isEqualTo(testCase.expected());
    }
}
