package io.p3protocol.bench;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** {@code --name value} / {@code --name=value} options; unknown names are reported, not ignored. */
final class Args {
    private final Map<String, String> values = new HashMap<>();
    private final Set<String> used = new HashSet<>();

    Args(String[] argv, int from) {
        for (int i = from; i < argv.length; i++) {
            String a = argv[i];
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument: " + a);
            }
            int eq = a.indexOf('=');
            if (eq > 0) {
                values.put(a.substring(2, eq), a.substring(eq + 1));
            } else if (i + 1 < argv.length && !argv[i + 1].startsWith("--")) {
                values.put(a.substring(2), argv[++i]);
            } else {
                values.put(a.substring(2), "true");
            }
        }
    }

    String str(String name, String def) {
        used.add(name);
        return values.getOrDefault(name, def);
    }

    String required(String name) {
        String v = str(name, null);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("missing --" + name);
        }
        return v;
    }

    int integer(String name, int def) {
        String v = str(name, null);
        return v == null ? def : Integer.parseInt(v);
    }

    long lng(String name, long def) {
        String v = str(name, null);
        return v == null ? def : Long.parseLong(v);
    }

    double dbl(String name, double def) {
        String v = str(name, null);
        return v == null ? def : Double.parseDouble(v);
    }

    boolean flag(String name) {
        return Boolean.parseBoolean(str(name, "false"));
    }

    /** Call after reading every option: rejects options nobody asked for (typos). */
    void rejectUnknown() {
        Set<String> unknown = new HashSet<>(values.keySet());
        unknown.removeAll(used);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown option(s): " + unknown);
        }
    }
}
