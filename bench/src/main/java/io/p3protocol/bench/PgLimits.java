package io.p3protocol.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The raw PostgreSQL limits written by {@code bench/pg-limits.sh}: a TSV with a header row
 * {@code test clients tx_per_s rows_per_s [latency_avg_ms]}, one row per pgbench run.
 */
public final class PgLimits {
    public static final String A1 = "A1_single_row_insert";
    public static final String A2 = "A2_command_append";
    public static final String C = "C_catchup_read_1000";
    public static final String B = "B_batch_insert_1000";

    /** One pgbench run. {@code latencyAvgMs} is NaN when the file has no such column. */
    public record Limit(String test, int clients, double txPerSec, double rowsPerSec, double latencyAvgMs) {
    }

    private final List<Limit> limits;

    public PgLimits(List<Limit> limits) {
        this.limits = List.copyOf(limits);
    }

    public List<Limit> all() {
        return limits;
    }

    public static PgLimits parseTsv(String tsv) {
        List<Limit> out = new ArrayList<>();
        for (String line : tsv.split("\\R")) {
            if (line.isBlank() || line.startsWith("test\t") || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t");
            if (f.length < 4) {
                throw new IllegalArgumentException("pg-limits row needs at least 4 tab-separated fields: " + line);
            }
            out.add(new Limit(f[0].trim(), Integer.parseInt(f[1].trim()), Double.parseDouble(f[2].trim()),
                    Double.parseDouble(f[3].trim()), f.length > 4 && !f[4].isBlank() ? Double.parseDouble(f[4].trim()) : Double.NaN));
        }
        return new PgLimits(out);
    }

    /** The run of {@code test} at {@code clients} concurrent clients (the last one, if measured more than once). */
    public Optional<Limit> find(String test, int clients) {
        Limit found = null;
        for (Limit l : limits) {
            if (l.test().equals(test) && l.clients() == clients) {
                found = l;
            }
        }
        return Optional.ofNullable(found);
    }

    /** The run of {@code test} at any concurrency (the last one). */
    public Optional<Limit> find(String test) {
        Limit found = null;
        for (Limit l : limits) {
            if (l.test().equals(test)) {
                found = l;
            }
        }
        return Optional.ofNullable(found);
    }
}
