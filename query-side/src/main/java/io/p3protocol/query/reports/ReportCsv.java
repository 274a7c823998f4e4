package io.p3protocol.query.reports;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders a report's main table as RFC 4180 CSV: the body's {@code rows} when it is a list, else its first list of
 * objects (the body itself when it is a list). One line per element; nested objects become dotted columns
 * ({@code anchor.txHash}), nested lists their JSON text; {@code null} an empty cell. Cells with a comma, quote or
 * line break are quoted, quotes doubled. Cells starting with {@code = + - @} get a leading {@code '} so a
 * spreadsheet never runs them as formulas.
 */
final class ReportCsv {
    private ReportCsv() {
    }

    static String render(JsonNode data) {
        JsonNode table = table(data);
        List<Map<String, String>> rows = new java.util.ArrayList<>();
        Set<String> columns = new LinkedHashSet<>();
        if (table != null) {
            for (JsonNode element : table) {
                Map<String, String> row = new LinkedHashMap<>();
                flatten("", element, row);
                columns.addAll(row.keySet());
                rows.add(row);
            }
        }
        StringBuilder csv = new StringBuilder();
        csv.append(String.join(",", columns.stream().map(ReportCsv::quote).toList())).append("\r\n");
        for (Map<String, String> row : rows) {
            csv.append(String.join(",", columns.stream().map(c -> quote(row.getOrDefault(c, ""))).toList()))
                    .append("\r\n");
        }
        return csv.toString();
    }

    private static JsonNode table(JsonNode data) {
        if (data.isArray()) {
            return data;
        }
        JsonNode rows = data.get("rows");
        if (rows != null && rows.isArray()) {
            return rows;
        }
        for (Iterator<JsonNode> it = data.elements(); it.hasNext(); ) {
            JsonNode field = it.next();
            if (field.isArray() && !field.isEmpty() && field.get(0).isObject()) {
                return field;
            }
        }
        return null;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> row) {
        if (node.isObject()) {
            node.fields().forEachRemaining(f -> flatten(prefix.isEmpty() ? f.getKey() : prefix + "." + f.getKey(),
                    f.getValue(), row));
        } else if (node.isNull() || node.isMissingNode()) {
            row.put(prefix.isEmpty() ? "value" : prefix, "");
        } else if (node.isArray()) {
            row.put(prefix.isEmpty() ? "value" : prefix, node.toString());
        } else {
            row.put(prefix.isEmpty() ? "value" : prefix, node.asText());
        }
    }

    private static String quote(String cell) {
        String safe = !cell.isEmpty() && "=+-@".indexOf(cell.charAt(0)) >= 0 && !isNumber(cell) ? "'" + cell : cell;
        if (safe.indexOf(',') < 0 && safe.indexOf('"') < 0 && safe.indexOf('\n') < 0 && safe.indexOf('\r') < 0) {
            return safe;
        }
        return '"' + safe.replace("\"", "\"\"") + '"';
    }

    private static boolean isNumber(String cell) {
        return cell.matches("-?\\d+(\\.\\d+)?([eE][+-]?\\d+)?");
    }
}
