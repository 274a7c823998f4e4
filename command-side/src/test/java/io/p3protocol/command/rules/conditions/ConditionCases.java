package io.p3protocol.command.rules.conditions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.p3protocol.command.rules.conditions.js.JsError;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The case tables under src/test/resources/rules/*.psv, read once for the table tests and for the comparison with
 * real JavaScript. Columns are separated by " | "; lines starting with # are comments.
 */
final class ConditionCases {
    static final ObjectMapper JSON = new ObjectMapper();

    /** One evaluation: condition and event as JSON text, expected "true", "false" or "error: message". */
    record Case(String row, String condition, String event, String expected) {
        @Override
        public String toString() {
            return row;
        }
    }

    /** One validation: the condition as JSON text, the expected messages, and whether they are an addition. */
    record ValidationCase(String row, String condition, List<String> expected, boolean addition) {
        @Override
        public String toString() {
            return row;
        }
    }

    private ConditionCases() {
    }

    /** operator-semantics.psv: condition {"field":"f","operator":op,"value":v}, event {"f":fieldValue}. */
    static List<Case> operatorCases() {
        List<Case> cases = new ArrayList<>();
        for (String[] row : rows("operator-semantics.psv", 4)) {
            String operator = row[0].matches("[A-Za-z_]+") && !row[0].equals("null") && !row[0].equals("true")
                    ? "\"" + row[0] + "\"" : row[0];
            StringBuilder condition = new StringBuilder("{\"field\":\"f\"");
            if (!operator.equals("-")) {
                condition.append(",\"operator\":").append(operator);
            }
            if (!row[1].equals("-")) {
                condition.append(",\"value\":").append(row[1]);
            }
            condition.append('}');
            String event = row[2].equals("-") ? "{}" : "{\"f\":" + row[2] + "}";
            cases.add(new Case(String.join(" | ", row), condition.toString(), event, row[3]));
        }
        return cases;
    }

    /** conditions.psv: condition | event | expected. */
    static List<Case> conditionCases() {
        return rows("conditions.psv", 3).stream()
                .map(row -> new Case(String.join(" | ", row), row[0], row[1], row[2]))
                .toList();
    }

    /** regexp.psv: pattern | string | expected, through {"field":"s","operator":"matches","value":pattern}. */
    static List<Case> regExpCases() {
        return rows("regexp.psv", 3).stream()
                .map(row -> new Case(String.join(" | ", row),
                        "{\"field\":\"s\",\"operator\":\"matches\",\"value\":" + row[0] + "}",
                        "{\"s\":" + row[1] + "}", row[2]))
                .toList();
    }

    /** validation.psv: condition | expected messages | optional "addition". */
    static List<ValidationCase> validationCases() {
        List<ValidationCase> cases = new ArrayList<>();
        for (String[] row : rows("validation.psv", 3)) {
            try {
                List<String> expected = Arrays.asList(JSON.readValue(row[1], String[].class));
                cases.add(new ValidationCase(String.join(" | ", row), row[0], expected,
                        row.length > 2 && row[2].equals("addition")));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("bad expected messages in: " + String.join(" | ", row), e);
            }
        }
        return cases;
    }

    /** Evaluates with the Java implementation: "true", "false" or "error: message". */
    static String evaluate(String conditionJson, String eventJson) {
        try {
            Condition condition = ConditionParser.parse(JSON.readTree(conditionJson));
            return String.valueOf(condition.test(JSON.readTree(eventJson)));
        } catch (JsError e) {
            return "error: " + e.getMessage();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("bad JSON in a case: " + conditionJson + " / " + eventJson, e);
        }
    }

    static List<String> validate(String conditionJson) {
        try {
            return ConditionValidator.validate(JSON.readTree(conditionJson));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("bad JSON in a case: " + conditionJson, e);
        }
    }

    static List<String[]> rows(String resource, int maxColumns) {
        InputStream in = ConditionCases.class.getResourceAsStream("/rules/" + resource);
        if (in == null) {
            throw new IllegalStateException("missing test resource rules/" + resource);
        }
        List<String[]> rows = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cells = line.split(" \\| ", maxColumns);
                for (int i = 0; i < cells.length; i++) {
                    cells[i] = cells[i].strip();
                }
                rows.add(cells);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }
}
