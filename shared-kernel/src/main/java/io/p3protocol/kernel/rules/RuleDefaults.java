package io.p3protocol.kernel.rules;

/** The original's column defaults for trust_rules. */
public final class RuleDefaults {
    public static final int PRIORITY = 100;
    public static final RuleStatus STATUS = RuleStatus.ACTIVE;

    private RuleDefaults() {
    }
}
