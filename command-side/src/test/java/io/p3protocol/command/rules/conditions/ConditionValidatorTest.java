package io.p3protocol.command.rules.conditions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** validateCondition's messages in the original's order (src/test/resources/rules/validation.psv). */
class ConditionValidatorTest {

    static List<ConditionCases.ValidationCase> validationCases() {
        return ConditionCases.validationCases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validationCases")
    void validationListsTheOriginalsMessagesInOrder(ConditionCases.ValidationCase testCase) {
        assertThat(ConditionCases.validate(testCase.condition())).containsExactlyElementsOf(testCase.expected());
    }

    @Test
    void parseValidRejectsAnInvalidConditionWithAllItsMessages() throws Exception {
        var invalid = ConditionCases.JSON.readTree("{\"conditions\":[{\"field\":\"a\"}]}");

        assertThatThrownBy(() -> ConditionParser.parseValid(invalid))
                .isInstanceOfSatisfying(InvalidConditionException.class, e -> assertThat(e.errors()).containsExactly(
                        "Composite condition must have logic set to \"and\" or \"or\"",
                        "Sub-condition 0: Condition must have an operator"));
    }

    @Test
    void parseValidAcceptsACompositeWithoutOperator() throws Exception {
        var condition = ConditionParser.parseValid(ConditionCases.JSON.readTree(
                "{\"logic\":\"or\",\"conditions\":[{\"field\":\"a\",\"operator\":\"eq\",\"value\":1}]}"));

        assertThat(condition.test(ConditionCases.JSON.readTree("{\"a\":1}"))).isTrue();
    }
}
