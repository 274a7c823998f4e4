package io.p3protocol.query.reports;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Renders any report as a self-contained HTML page: objects as two-column tables, lists of objects as tables with
 * one row per element, nested as deep as the data goes. Every text that comes from data is escaped; the page loads
 * nothing from anywhere (the controller also forbids it with a Content-Security-Policy).
 */
final class ReportHtml {
    private static final String STYLE = """
            body{font-family:system-ui,sans-serif;margin:2rem;color:#1b1b1b}
            table{border-collapse:collapse;margin:.25rem 0}
            th,td{border:1px solid #c8c8c8;padding:.25rem .5rem;text-align:left;vertical-align:top}
            th{background:#f1f1f1}
            .meta th{background:none}
            .none{color:#777}""";

    private ReportHtml() {
    }

    static String render(ReportResult result, JsonNode data) {
        StringBuilder html = new StringBuilder(4096);
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(escape(result.title())).append(" as of ").append(escape(String.valueOf(result.asOf())))
                .append("</title><style>").append(STYLE).append("</style></head><body>\n<h1>")
                .append(escape(result.title())).append("</h1>\n<table class=\"meta\">");
        meta(html, "Report", result.report());
        meta(html, "As of", String.valueOf(result.asOf()));
        meta(html, "Tenant", result.tenantId() == null ? "all tenants" : result.tenantId());
        meta(html, "Generated at", String.valueOf(result.generatedAt()));
        meta(html, "Events replayed", Long.toString(result.eventsApplied()));
        ReportRange range = result.range();
        meta(html, "Event range", ReportRangeText.range(range));
        meta(html, "Checkpoint at or before the range end", ReportRangeText.checkpoint(range.checkpoint()));
        meta(html, "Anchor of that checkpoint", ReportRangeText.anchor(range.checkpoint()));
        meta(html, "Checkpoint covering the range", ReportRangeText.checkpoint(range.coveringCheckpoint()));
        meta(html, "Anchor of the covering checkpoint", ReportRangeText.anchor(range.coveringCheckpoint()));
        html.append("</table>\n");
        value(html, data);
        return html.append("\n</body></html>\n").toString();
    }

    private static void meta(StringBuilder html, String label, String value) {
        html.append("<tr><th>").append(escape(label)).append("</th><td>").append(escape(value)).append("</td></tr>");
    }

    private static void value(StringBuilder html, JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            html.append("<span class=\"none\">—</span>");
        } else if (node.isObject()) {
            html.append("<table>");
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String field = it.next();
                html.append("<tr><th>").append(escape(field)).append("</th><td>");
                value(html, node.get(field));
                html.append("</td></tr>");
            }
            html.append("</table>");
        } else if (node.isArray()) {
            array(html, node);
        } else {
            html.append(escape(node.asText()));
        }
    }

    private static void array(StringBuilder html, JsonNode array) {
        if (array.isEmpty()) {
            html.append("<span class=\"none\">none</span>");
            return;
        }
        boolean allObjects = true;
        Set<String> columns = new LinkedHashSet<>();
        for (JsonNode element : array) {
            allObjects &= element.isObject();
            element.fieldNames().forEachRemaining(columns::add);
        }
        if (!allObjects) {
            StringBuilder joined = new StringBuilder();
            for (JsonNode element : array) {
                if (!joined.isEmpty()) {
                    joined.append(", ");
                }
                joined.append(element.isContainerNode() ? element.toString() : element.asText());
            }
            html.append(escape(joined.toString()));
            return;
        }
        html.append("<table><thead><tr>");
        for (String column : columns) {
            html.append("<th>").append(escape(column)).append("</th>");
        }
        html.append("</tr></thead><tbody>");
        for (JsonNode element : array) {
            html.append("<tr>");
            for (String column : columns) {
                html.append("<td>");
                value(html, element.get(column));
                html.append("</td>");
            }
            html.append("</tr>");
        }
        html.append("</tbody></table>");
    }

    /** Escapes text for element content and quoted attribute values alike. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
