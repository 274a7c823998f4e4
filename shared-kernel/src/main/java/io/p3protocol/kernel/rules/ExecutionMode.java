package io.p3protocol.kernel.rules;

/** LIVE: an active rule matched and its actions run. TESTING: a testing rule matched; actions are only simulated. */
public enum ExecutionMode {
    LIVE, TESTING
}
