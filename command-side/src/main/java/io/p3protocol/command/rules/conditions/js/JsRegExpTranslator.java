package io.p3protocol.command.rules.conditions.js;

import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Translates a JavaScript RegExp source (no flags, so non-Unicode mode with the Annex B web-compatibility grammar, as
 * {@code new RegExp(v)} in the original) into an equivalent {@link java.util.regex} pattern, and reports the
 * sources JavaScript itself rejects.
 *
 * <p>Everything whose meaning differs between the two engines is written out explicitly: {@code .} excludes only
 * JavaScript's four line terminators; {@code $} is the end of input ({@code \z}), not "before a final newline";
 * {@code \s \S \d \w \b} use JavaScript's sets; classes are emitted as plain ranges so Java's nested classes and
 * {@code &&} never apply; identity escapes ({@code \a}, {@code \e}, {@code \h}, {@code \Q}, {@code \p}...) are the
 * literal letter as in JavaScript; {@code \0}, legacy octal escapes, {@code \cX}, {@code \xHH}, {@code \\uHHHH},
 * lone {@code {}}, {@code ]}, {@code []} and {@code [^]} follow JavaScript; named groups may use JavaScript names;
 * back-references to groups that have not captured match the empty string, as in JavaScript (a Java back-reference
 * would fail): a referenced group gets an empty marker group so the translation can tell "not set" from "set".
 * Java-only syntax ({@code (?i)}, {@code (?>...)}, possessive quantifiers) is a JavaScript SyntaxError here too.
 *
 * <p>Known remaining differences (docs/rules.md): JavaScript without the u flag matches UTF-16 code units, Java
 * code points (only astral characters such as emoji are affected); captures are not reset at each iteration of a
 * repeated group; back-references inside lookbehinds are refused as unsupported.
 */
final class JsRegExpTranslator {
    /** The source is not a valid JavaScript regular expression; the message is V8's reason. */
    static final class SyntaxError extends Exception {
        SyntaxError(String message) {
            super(message, null, false, false);
        }
    }

    /** Valid JavaScript that this translation cannot reproduce faithfully. */
    static final class Unsupported extends Exception {
        Unsupported(String message) {
            super(message, null, false, false);
        }
    }

    private static final String WORD = CodeUnitSet.WORD.toJava();
    private static final String WORD_BOUNDARY =
            "(?:(?<=" + WORD + ")(?!" + WORD + ")|(?<!" + WORD + ")(?=" + WORD + "))";
    private static final String NOT_WORD_BOUNDARY =
            "(?:(?<=" + WORD + ")(?=" + WORD + ")|(?<!" + WORD + ")(?!" + WORD + "))";
    private static final String ANY_BUT_LINE_TERMINATOR = CodeUnitSet.LINE_TERMINATORS.complement().toJava();
    private static final long SATURATED = 1L << 53;

    private final String src;
    private final int length;
    private final int captureCount;
    private final Map<String, Integer> groupNumbersByName;
    private final Set<Integer> referencedGroups;
    private final Set<Integer> referencesFound = new HashSet<>();
    private final BitSet closedGroups = new BitSet();
    private final Set<String> namesDeclared = new HashSet<>();
    private StringBuilder out = new StringBuilder();
    private int pos;
    private int groupsOpened;
    private int lookbehindDepth;

    private JsRegExpTranslator(String src, int captureCount, Map<String, Integer> groupNumbersByName,
                               Set<Integer> referencedGroups) {
        this.src = src;
        this.length = src.length();
        this.captureCount = captureCount;
        this.groupNumbersByName = groupNumbersByName;
        this.referencedGroups = referencedGroups;
    }

    static String translate(String source) throws SyntaxError, Unsupported {
        Map<String, Integer> names = new HashMap<>();
        int captures = scanCaptureGroups(source, names);
        JsRegExpTranslator first = new JsRegExpTranslator(source, captures, names, Set.of());
        first.pattern();
        if (first.referencesFound.isEmpty()) {
            return first.out.toString();
        }
        // Second pass: now the groups that are referenced are known, and get a name and a marker.
        JsRegExpTranslator second = new JsRegExpTranslator(source, captures, names, first.referencesFound);
        second.pattern();
        return second.out.toString();
    }

    /**
     * Counts capturing groups and collects group names before parsing, as V8 does: whether {@code \2} is a
     * back-reference or an octal escape, and whether {@code \k} is a named reference, depend on the whole pattern.
     */
    private static int scanCaptureGroups(String src, Map<String, Integer> names) {
        int count = 0;
        boolean inClass = false;
        for (int i = 0; i < src.length(); i++) {
            char c = src.charAt(i);
            if (c == '\\') {
                i++;
            } else if (inClass) {
                inClass = c != ']';
            } else if (c == '[') {
                inClass = true;
            } else if (c == '(') {
                if (i + 1 < src.length() && src.charAt(i + 1) == '?') {
                    if (i + 3 < src.length() && src.charAt(i + 2) == '<' && src.charAt(i + 3) != '='
                            && src.charAt(i + 3) != '!') {
                        count++;
                        int close = src.indexOf('>', i + 3);
                        if (close > 0) {
                            names.putIfAbsent(src.substring(i + 3, close), count);
                        }
                    }
                } else {
                    count++;
                }
            }
        }
        return count;
    }

    private void pattern() throws SyntaxError, Unsupported {
        disjunction();
        if (pos < length) {
            throw new SyntaxError("Unmatched ')'");
        }
    }

    private void disjunction() throws SyntaxError, Unsupported {
        alternative();
        while (pos < length && src.charAt(pos) == '|') {
            pos++;
            out.append('|');
            alternative();
        }
    }

    private void alternative() throws SyntaxError, Unsupported {
        while (pos < length && src.charAt(pos) != '|' && src.charAt(pos) != ')') {
            term();
        }
    }

    private void term() throws SyntaxError, Unsupported {
        char c = src.charAt(pos);
        switch (c) {
            case '^' -> {
                pos++;
                assertion("^");
                return;
            }
            case '$' -> {
                pos++;
                assertion("\\z");
                return;
            }
            case '\\' -> {
                if (pos + 1 < length && (src.charAt(pos + 1) == 'b' || src.charAt(pos + 1) == 'B')) {
                    boolean boundary = src.charAt(pos + 1) == 'b';
                    pos += 2;
                    assertion(boundary ? WORD_BOUNDARY : NOT_WORD_BOUNDARY);
                    return;
                }
            }
            case '(' -> {
                group();
                return;
            }
            case '*', '+', '?' -> throw new SyntaxError("Nothing to repeat");
            case '{' -> {
                if (braceQuantifierEnd(pos) > 0) {
                    throw new SyntaxError("Nothing to repeat");
                }
            }
            default -> {
            }
        }
        quantified(atom());
    }

    private void assertion(String java) throws SyntaxError {
        if (quantifierAhead()) {
            throw new SyntaxError("Nothing to repeat");
        }
        out.append(java);
    }

    private boolean quantifierAhead() {
        if (pos >= length) {
            return false;
        }
        char c = src.charAt(pos);
        return c == '*' || c == '+' || c == '?' || (c == '{' && braceQuantifierEnd(pos) > 0);
    }

    /** Appends the atom with the quantifier that follows it in the source, if any. */
    private void quantified(String atom) throws SyntaxError {
        if (!quantifierAhead()) {
            out.append(atom);
            return;
        }
        String quantifier;
        char c = src.charAt(pos);
        if (c == '{') {
            int end = braceQuantifierEnd(pos);
            String inside = src.substring(pos + 1, end - 1);
            pos = end;
            int comma = inside.indexOf(',');
            long min = saturatedNumber(comma < 0 ? inside : inside.substring(0, comma));
            if (comma < 0) {
                quantifier = "{" + javaCount(min) + "}";
            } else if (comma == inside.length() - 1) {
                quantifier = "{" + javaCount(min) + ",}";
            } else {
                long max = saturatedNumber(inside.substring(comma + 1));
                if (min > max) {
                    throw new SyntaxError("numbers out of order in {} quantifier");
                }
                quantifier = "{" + javaCount(min) + "," + javaCount(max) + "}";
            }
        } else {
            pos++;
            quantifier = String.valueOf(c);
        }
        if (pos < length && src.charAt(pos) == '?') {
            pos++;
            quantifier += "?";
        }
        out.append("(?:").append(atom).append(')').append(quantifier);
    }

    /** If a {@code {n}}, {@code {n,}} or {@code {n,m}} quantifier starts at {@code at}, the index after it; else -1. */
    private int braceQuantifierEnd(int at) {
        int i = at + 1;
        int digits = 0;
        while (i < length && isDigit(src.charAt(i))) {
            i++;
            digits++;
        }
        if (digits == 0 || i >= length) {
            return -1;
        }
        if (src.charAt(i) == ',') {
            i++;
            while (i < length && isDigit(src.charAt(i))) {
                i++;
            }
        }
        return i < length && src.charAt(i) == '}' ? i + 1 : -1;
    }

    private static long saturatedNumber(String digits) {
        long value = 0;
        for (int i = 0; i < digits.length(); i++) {
            value = Math.min(SATURATED, value * 10 + (digits.charAt(i) - '0'));
        }
        return value;
    }

    private static String javaCount(long count) {
        return Long.toString(Math.min(count, Integer.MAX_VALUE));
    }

    private void group() throws SyntaxError, Unsupported {
        pos++; // (
        String open;
        boolean lookbehind = false;
        int groupNumber = 0;
        if (src.startsWith("?:", pos)) {
            pos += 2;
            open = "(?:";
        } else if (src.startsWith("?=", pos) || src.startsWith("?!", pos)) {
            open = "(" + src.substring(pos, pos + 2);
            pos += 2;
        } else if (src.startsWith("?<=", pos) || src.startsWith("?<!", pos)) {
            open = "(" + src.substring(pos, pos + 3);
            pos += 3;
            lookbehind = true;
        } else if (src.startsWith("?<", pos)) {
            pos += 2;
            String name = groupName();
            if (!namesDeclared.add(name)) {
                throw new SyntaxError("Duplicate capture group name");
            }
            groupNumber = ++groupsOpened;
            open = null;
        } else if (src.startsWith("?", pos)) {
            throw new SyntaxError("Invalid group");
        } else {
            groupNumber = ++groupsOpened;
            open = null;
        }
        boolean referenced = groupNumber > 0 && referencedGroups.contains(groupNumber);
        if (groupNumber > 0) {
            open = referenced ? "(?<g" + groupNumber + ">" : "(";
        }

        StringBuilder enclosing = out;
        out = new StringBuilder();
        if (lookbehind) {
            lookbehindDepth++;
        }
        disjunction();
        if (lookbehind) {
            lookbehindDepth--;
        }
        if (pos >= length || src.charAt(pos) != ')') {
            throw new SyntaxError("Unterminated group");
        }
        pos++;
        String body = out.toString();
        out = enclosing;
        if (groupNumber > 0) {
            closedGroups.set(groupNumber);
        }
        // The marker group captures "" exactly when the group itself completed: see backReference.
        String atom = open + body + (referenced ? "(?<m" + groupNumber + ">))" : ")");
        if (lookbehind) {
            if (quantifierAhead()) {
                throw new SyntaxError("Invalid quantifier");
            }
            out.append(atom);
        } else {
            quantified(atom);
        }
    }

    /** A group name after {@code (?<} or {@code \k<}, up to and including {@code >}. */
    private String groupName() throws SyntaxError, Unsupported {
        int close = src.indexOf('>', pos);
        if (close <= pos) {
            throw new SyntaxError("Invalid capture group name");
        }
        String name = src.substring(pos, close);
        if (name.indexOf('\\') >= 0) {
            throw new Unsupported("\\u escapes in group names");
        }
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            boolean ok = cp == '$' || cp == '_' || (i == 0 ? Character.isUnicodeIdentifierStart(cp)
                    : (Character.isUnicodeIdentifierPart(cp) && !Character.isIdentifierIgnorable(cp))
                      || cp == 0x200C || cp == 0x200D);
            if (!ok) {
                throw new SyntaxError("Invalid capture group name");
            }
            i += Character.charCount(cp);
        }
        pos = close + 1;
        return name;
    }

    private String atom() throws SyntaxError, Unsupported {
        char c = src.charAt(pos);
        return switch (c) {
            case '.' -> {
                pos++;
                yield ANY_BUT_LINE_TERMINATOR;
            }
            case '[' -> characterClass();
            case '\\' -> atomEscape();
            default -> {
                pos++;
                yield literal(c);
            }
        };
    }

    private String atomEscape() throws SyntaxError, Unsupported {
        if (pos + 1 >= length) {
            throw new SyntaxError("\\ at end of pattern");
        }
        char e = src.charAt(pos + 1);
        CodeUnitSet set = classEscape(e);
        if (set != null) {
            pos += 2;
            return set.toJava();
        }
        if (e >= '1' && e <= '9') {
            int end = pos + 1;
            while (end < length && isDigit(src.charAt(end))) {
                end++;
            }
            long number = saturatedNumber(src.substring(pos + 1, end));
            if (number <= captureCount) {
                pos = end;
                return backReference((int) number);
            }
        }
        if (e == 'k' && !groupNumbersByName.isEmpty()) {
            pos += 2;
            if (pos >= length || src.charAt(pos) != '<') {
                throw new SyntaxError("Invalid named reference");
            }
            pos++;
            Integer number = groupNumbersByName.get(groupName());
            if (number == null) {
                throw new SyntaxError("Invalid named capture referenced");
            }
            return backReference(number);
        }
        if (e == 'c' && !(pos + 2 < length && isAsciiLetter(src.charAt(pos + 2)))) {
            pos++; // Annex B: a literal backslash; the "c" is read as the next atom
            return literal('\\');
        }
        return literal(characterEscape(false));
    }

    /**
     * A back-reference. A group that is not closed at this point of the source has never captured when the
     * reference runs (JavaScript resets captures at each iteration of an enclosing repetition), so the reference
     * matches "". Otherwise "the group's text, or nothing if the group has not captured": the marker group inside
     * the referenced group captures "" only once the group completed.
     */
    private String backReference(int group) throws Unsupported {
        if (lookbehindDepth > 0) {
            throw new Unsupported("back-references inside a lookbehind (JavaScript matches lookbehinds right to left)");
        }
        if (!closedGroups.get(group)) {
            return "(?:)";
        }
        referencesFound.add(group);
        return "(?:\\k<g" + group + ">|(?!\\k<m" + group + ">))";
    }

    private static CodeUnitSet classEscape(char e) {
        return switch (e) {
            case 'd' -> CodeUnitSet.DIGITS;
            case 'D' -> CodeUnitSet.DIGITS.complement();
            case 'w' -> CodeUnitSet.WORD;
            case 'W' -> CodeUnitSet.WORD.complement();
            case 's' -> CodeUnitSet.SPACE;
            case 'S' -> CodeUnitSet.SPACE.complement();
            default -> null;
        };
    }

    /**
     * A character escape at {@code pos} (the backslash) that is not a class escape, back-reference or {@code \k}
     * reference: control escapes, {@code \cX}, legacy octal, {@code \xHH}, {@code \\uHHHH}, else the escaped
     * character itself (identity escape). Returns the code unit.
     */
    private int characterEscape(boolean inClass) throws SyntaxError {
        char e = src.charAt(pos + 1);
        switch (e) {
            case 'f':
                pos += 2;
                return '\f';
            case 'n':
                pos += 2;
                return '\n';
            case 'r':
                pos += 2;
                return '\r';
            case 't':
                pos += 2;
                return '\t';
            case 'v':
                pos += 2;
                return 0x0B;
            case 'c': { // a valid control letter was checked by the caller
                char letter = src.charAt(pos + 2);
                pos += 3;
                return letter % 32;
            }
            case 'x':
                if (hexDigitsAt(pos + 2, 2)) {
                    pos += 4;
                    return Integer.parseInt(src.substring(pos - 2, pos), 16);
                }
                pos += 2;
                return 'x';
            case 'u':
                if (hexDigitsAt(pos + 2, 4)) {
                    pos += 6;
                    return Integer.parseInt(src.substring(pos - 4, pos), 16);
                }
                pos += 2;
                return 'u';
            case 'k':
                if (inClass && !groupNumbersByName.isEmpty()) {
                    throw new SyntaxError("Invalid escape");
                }
                pos += 2;
                return 'k';
            default:
                if (e >= '0' && e <= '7') {
                    pos++;
                    return legacyOctal();
                }
                pos += 2;
                return e;
        }
    }

    /** Annex B legacy octal escape at {@code pos}: up to three octal digits, value at most 0377. */
    private int legacyOctal() {
        int value = src.charAt(pos++) - '0';
        for (int digits = 1; digits < 3 && pos < length; digits++) {
            char c = src.charAt(pos);
            if (c < '0' || c > '7' || value * 8 + (c - '0') > 0377) {
                break;
            }
            value = value * 8 + (c - '0');
            pos++;
        }
        return value;
    }

    private String characterClass() throws SyntaxError {
        pos++; // [
        boolean negated = pos < length && src.charAt(pos) == '^';
        if (negated) {
            pos++;
        }
        CodeUnitSet set = new CodeUnitSet();
        while (true) {
            if (pos >= length) {
                throw new SyntaxError("Unterminated character class");
            }
            if (src.charAt(pos) == ']') {
                pos++;
                break;
            }
            Object from = classAtom();
            if (pos + 1 < length && src.charAt(pos) == '-' && src.charAt(pos + 1) != ']') {
                pos++;
                Object to = classAtom();
                if (from instanceof Integer low && to instanceof Integer high) {
                    if (low > high) {
                        throw new SyntaxError("Range out of order in character class");
                    }
                    set.add(low, high);
                } else { // Annex B: [\d-z] is \d, "-" and "z"
                    addClassAtom(set, from);
                    set.add('-', '-');
                    addClassAtom(set, to);
                }
            } else {
                addClassAtom(set, from);
            }
        }
        return (negated ? set.complement() : set).toJava();
    }

    private static void addClassAtom(CodeUnitSet set, Object atom) {
        if (atom instanceof Integer unit) {
            set.add(unit, unit);
        } else {
            set.addAll((CodeUnitSet) atom);
        }
    }

    /** One class atom: an Integer code unit, or a CodeUnitSet for \d \D \w \W \s \S. */
    private Object classAtom() throws SyntaxError {
        char c = src.charAt(pos);
        if (c != '\\') {
            pos++;
            return (int) c;
        }
        if (pos + 1 >= length) {
            throw new SyntaxError("\\ at end of pattern");
        }
        char e = src.charAt(pos + 1);
        CodeUnitSet set = classEscape(e);
        if (set != null) {
            pos += 2;
            return set;
        }
        if (e == 'b') {
            pos += 2;
            return 8; // backspace inside a class
        }
        if (e == 'c') {
            char next = pos + 2 < length ? src.charAt(pos + 2) : 0;
            if (!(isAsciiLetter(next) || isDigit(next) || next == '_')) {
                pos++; // Annex B: a literal backslash
                return (int) '\\';
            }
        }
        if (e == '8' || e == '9') {
            pos += 2;
            return (int) e;
        }
        return characterEscape(true);
    }

    private boolean hexDigitsAt(int at, int count) {
        if (at + count > length) {
            return false;
        }
        for (int i = at; i < at + count; i++) {
            if (Character.digit(src.charAt(i), 16) < 0 || src.charAt(i) >= 128) {
                return false;
            }
        }
        return true;
    }

    /**
     * One code unit as Java regex text. Surrogates are written raw, so that a pair written next to each other (an
     * emoji in the pattern) reads as one code point, which is how Java sees the input.
     */
    private static String literal(int unit) {
        if ((unit >= 'a' && unit <= 'z') || (unit >= 'A' && unit <= 'Z') || (unit >= '0' && unit <= '9')) {
            return String.valueOf((char) unit);
        }
        if (Character.isSurrogate((char) unit)) {
            return String.valueOf((char) unit);
        }
        return "\\x{" + Integer.toHexString(unit) + "}";
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
