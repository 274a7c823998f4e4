package io.p3protocol.command.rules.conditions;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Operator by operator, the original's JavaScript semantics (src/test/resources/rules/operator-semantics.psv):
 * strict equality, relational comparison with coercion, includes, contains, RegExp, existence, unknown operators.
 */
class OperatorSemanticsTest {

    static List<ConditionCases.Case> operatorCases() {
        return ConditionCases.operatorCases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operatorCases")
    void operatorGivesTheOriginalsResult(ConditionCases.Case testCase) {
        assertThat(ConditionCases.evaluate(testCase.condition(), testCase.event()).strip())
                .isEqualTo(testCase.expected());
    }
}
