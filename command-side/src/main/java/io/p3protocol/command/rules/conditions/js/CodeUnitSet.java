package io.p3protocol.command.rules.conditions.js;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A set of characters as inclusive ranges, built while translating a JavaScript character class, and written out
 * as a plain Java class with positive ranges only (no nested classes, no {@code &&}, no Java negation rules).
 * Complements are taken over all code points, so a negated class also consumes a whole astral character in Java
 * where JavaScript (without the u flag) consumes one UTF-16 half.
 */
final class CodeUnitSet {
    static final int MAX = 0x10FFFF;

    private final List<int[]> ranges = new ArrayList<>();

    static CodeUnitSet of(int... bounds) {
        CodeUnitSet set = new CodeUnitSet();
        for (int i = 0; i < bounds.length; i += 2) {
            set.add(bounds[i], bounds[i + 1]);
        }
        return set;
    }

    static final CodeUnitSet DIGITS = of('0', '9');
    static final CodeUnitSet WORD = of('0', '9', 'A', 'Z', '_', '_', 'a', 'z');
    /** JavaScript's \s: WhiteSpace and LineTerminator. */
    static final CodeUnitSet SPACE = of('\t', '\r', ' ', ' ', 0xA0, 0xA0, 0x1680, 0x1680, 0x2000, 0x200A,
            0x2028, 0x2029, 0x202F, 0x202F, 0x205F, 0x205F, 0x3000, 0x3000, 0xFEFF, 0xFEFF);
    static final CodeUnitSet LINE_TERMINATORS = of('\n', '\n', '\r', '\r', 0x2028, 0x2029);

    CodeUnitSet add(int from, int to) {
        ranges.add(new int[] {from, to});
        return this;
    }

    CodeUnitSet addAll(CodeUnitSet other) {
        ranges.addAll(other.ranges);
        return this;
    }

    private List<int[]> normalized() {
        List<int[]> sorted = new ArrayList<>(ranges);
        sorted.sort(Comparator.comparingInt(range -> range[0]));
        List<int[]> merged = new ArrayList<>();
        for (int[] range : sorted) {
            int[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && range[0] <= last[1] + 1) {
                last[1] = Math.max(last[1], range[1]);
            } else {
                merged.add(new int[] {range[0], range[1]});
            }
        }
        return merged;
    }

    CodeUnitSet complement() {
        CodeUnitSet complement = new CodeUnitSet();
        int next = 0;
        for (int[] range : normalized()) {
            if (range[0] > next) {
                complement.add(next, range[0] - 1);
            }
            next = range[1] + 1;
        }
        if (next <= MAX) {
            complement.add(next, MAX);
        }
        return complement;
    }

    /** A Java regex matching one character of the set; the empty set never matches. */
    String toJava() {
        List<int[]> merged = normalized();
        if (merged.isEmpty()) {
            return "(?!)";
        }
        StringBuilder java = new StringBuilder("[");
        for (int[] range : merged) {
            java.append("\\x{").append(Integer.toHexString(range[0])).append('}');
            if (range[1] != range[0]) {
                java.append("-\\x{").append(Integer.toHexString(range[1])).append('}');
            }
        }
        return java.append(']').toString();
    }
}
