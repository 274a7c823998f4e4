package io.p3protocol.command.rules.actions;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The original's action checks, as validation: first failing check per action, in the original's order. */
class ActionValidatorTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            {"type":"anchor","eventHash":"abc"} | ``
            {"type":"anchor","eventHash":{"any":"json"}} | ``
            {"type":"anchor"} | eventHash is required for anchor action
            {"type":"anchor","eventHash":""} | eventHash is required for anchor action
            {"type":"anchor","eventHash":0} | eventHash is required for anchor action
            {"type":"webhook","url":"https://example.org/hook"} | ``
            {"type":"webhook","url":null} | url is required for webhook action
            {"type":"webhook","url":"HTTP://127.0.0.1:8080/x"} | ``
            {"type":"webhook","url":"ftp://example.org/hook"} | url must be an http or https URL
            {"type":"webhook","url":"file:///etc/passwd"} | url must be an http or https URL
            {"type":"webhook","url":"example.org/hook"} | url must be an http or https URL
            {"type":"webhook","url":"https:///nohost"} | url must name a host
            {"type":"webhook","url":"http://exa mple.org/"} | url must be a valid http or https URL
            {"type":"webhook","url":42} | url must be an http or https URL
            {"type":"plugin_emit","pluginId":"p","eventType":"e"} | ``
            {"type":"plugin_emit"} | pluginId is required for plugin_emit action
            {"type":"plugin_emit","pluginId":"p"} | eventType is required for plugin_emit action
            {"type":"plugin_emit","eventType":"e"} | pluginId is required for plugin_emit action
            {"type":"ledger_allocate","ledgerEventId":"l","allocations":[{"bucket":"ops","percent":100}]} | ``
            {"type":"ledger_allocate","ledgerEventId":"l","allocations":[{"bucket":"ops","percent":"60"},{"bucket":"r&d","percent":"39.995"}]} | ``
            {"type":"ledger_allocate","ledgerEventId":"l","allocations":[{"bucket":"ops","percent":"50%"},{"bucket":"grants","percent":" 50"}]} | ``
            {"type":"ledger_allocate","ledgerEventId":"l","allocations":[{"bucket":"ops","percent":[100]}]} | ``
            {"type":"ledger_allocate","allocations":[]} | ledgerEventId is required for ledger_allocate action
            {"type":"ledger_allocate","ledgerEventId":"l"} | allocations array is required for ledger_allocate action
            {"type":"ledger_allocate","ledgerEventId":"l","allocations":{"0":{"percent":100}}} | allocations array is required for ledger_allocate action
            {"type":"ledger_allocate","ledgerEventId":"l","allocations":[]} | Allocations must sum to 100%, got 0.00%
            {"type":"ledger_allocate","ledgerEventId":"l","allocations":[{"bucket":"ops","percent":60},{"bucket":"reserve","percent":39.98}]} | Allocations must sum to 100%, got 99.98%
            {"type":"ledger_allocate","ledgerEventId":"l","allocations":[{"bucket":"ops","percent":100.015}]} | Allocations must sum to 100%, got 100.02%
            {"type":"ledger_allocate","ledgerEventId":"l","allocations":[{"bucket":"ops","percent":-50},{"bucket":"ops","percent":-50}]} | Allocations must sum to 100%, got -100.00%
            {"type":"ledger_allocate","ledgerEventId":"l","allocations":[{"bucket":"ops","percent":"abc"}]} | Allocations must sum to 100%, got NaN%
            {"type":"ledger_allocate","ledgerEventId":"l","allocations":[{"bucket":"ops","percent":true}]} | Allocations must sum to 100%, got NaN%
            {"type":"ledger_allocate","ledgerEventId":"l","allocations":[null]} | Cannot read properties of null (reading 'percent')
            {"type":"ledger_allocate","ledgerEventId":"l","allocations":[{"bucket":"other","percent":100}]} | Allocation 0: bucket must be one of ops, r&d, grants, reserve
            {"type":"ledger_allocate","ledgerEventId":"l","allocations":[{"percent":100}]} | Allocation 0: bucket must be one of ops, r&d, grants, reserve
            {"type":"email"} | Unknown action type: email
            {} | Unknown action type: undefined
            {"type":["anchor"]} | Unknown action type: anchor
            "anchor" | Unknown action type: undefined
            null | Action must be an object or an array of actions
            [] | ``
            [{"type":"anchor","eventHash":"h"},{"type":"webhook"},{"type":"x"}] | Action 1: url is required for webhook action;Action 2: Unknown action type: x
            [null] | Action 0: Action must be an object or an array of actions
            """)
    void validationGivesTheOriginalsActionErrors(String action, String expected) throws Exception {
        List<String> expectedErrors = expected == null || expected.isEmpty() ? List.of() : Arrays.asList(expected.split(";"));

        assertThat(ActionValidator.validate(JSON.readTree(action))).containsExactlyElementsOf(expectedErrors);
    }
}
