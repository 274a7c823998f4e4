package io.p3protocol.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The results table: each app figure next to the raw PostgreSQL limit it is judged against, as a ratio
 * (app ÷ raw), with the target and whether it was met. Targets are information, not test failures.
 */
public final class RatioTable {

    /** How a row's target is checked. */
    public enum TargetKind { RATIO_AT_LEAST, VALUE_AT_MOST, VALUE_AT_LEAST }

    public record Target(TargetKind kind, double threshold, String text) {
        public static Target ratioAtLeast(double r) {
            return new Target(TargetKind.RATIO_AT_LEAST, r, "≥ " + fmtPlain(r * 100) + "% of raw");
        }

        public static Target atMost(double v, String unit) {
            return new Target(TargetKind.VALUE_AT_MOST, v, "≤ " + fmtPlain(v) + " " + unit);
        }

        public static Target atLeast(double v, String unit) {
            return new Target(TargetKind.VALUE_AT_LEAST, v, "≥ " + fmtPlain(v) + " " + unit);
        }

        /** "pass", "FAIL", or "n/a" when the number the target needs was not measured. */
        public String evaluate(double value, double ratio) {
            double x = kind == TargetKind.RATIO_AT_LEAST ? ratio : value;
            if (!Double.isFinite(x)) {
                return "n/a";
            }
            boolean ok = switch (kind) {
                case RATIO_AT_LEAST, VALUE_AT_LEAST -> x >= threshold;
                case VALUE_AT_MOST -> x <= threshold;
            };
            return ok ? "pass" : "FAIL";
        }
    }

    /**
     * One figure. {@code value} / {@code reference} are NaN when not measured; {@code referenceName} is null when the
     * figure has no raw-PostgreSQL counterpart.
     */
    public record Row(String figure, double value, String unit, String referenceName, double reference,
                      String referenceUnit, Target target) {

        /** app ÷ raw, or NaN when either side is missing or the reference is not positive. */
        public double ratio() {
            if (referenceName == null || !Double.isFinite(value) || !Double.isFinite(reference) || reference <= 0) {
                return Double.NaN;
            }
            return value / reference;
        }

        public String result() {
            return target == null ? "–" : target.evaluate(value, ratio());
        }
    }

    private final List<Row> rows = new ArrayList<>();

    public RatioTable add(Row row) {
        rows.add(row);
        return this;
    }

    public List<Row> rows() {
        return List.copyOf(rows);
    }

    /** GitHub-flavoured Markdown. */
    public String toMarkdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("| Figure | App | Raw PostgreSQL limit | Raw | App ÷ raw | Target | Result |\n");
        sb.append("|---|---:|---|---:|---:|---|---|\n");
        for (Row r : rows) {
            sb.append("| ").append(escape(r.figure()))
                    .append(" | ").append(fmtValue(r.value(), r.unit()))
                    .append(" | ").append(r.referenceName() == null ? "–" : escape(r.referenceName()))
                    .append(" | ").append(r.referenceName() == null ? "–" : fmtValue(r.reference(), r.referenceUnit()))
                    .append(" | ").append(fmtRatio(r.ratio()))
                    .append(" | ").append(r.target() == null ? "–" : escape(r.target().text()))
                    .append(" | ").append(r.result().equals("FAIL") ? "**FAIL**" : r.result())
                    .append(" |\n");
        }
        return sb.toString();
    }

    /** A number with a sensible number of digits for its size, then its unit; "not measured" for NaN. */
    public static String fmtValue(double v, String unit) {
        if (!Double.isFinite(v)) {
            return "not measured";
        }
        String n = fmtPlain(v);
        return unit == null || unit.isEmpty() ? n : n + " " + unit;
    }

    static String fmtPlain(double v) {
        double a = Math.abs(v);
        String pattern = a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : "%.2f";
        return String.format(Locale.ROOT, pattern, v);
    }

    /** Ratio with two decimals (three below 0.1), "–" when there is none. */
    public static String fmtRatio(double r) {
        if (!Double.isFinite(r)) {
            return "–";
        }
        return String.format(Locale.ROOT, Math.abs(r) < 0.1 ? "%.3f" : "%.2f", r);
    }

    private static String escape(String s) {
        return s.replace("|", "\\|");
    }
}
