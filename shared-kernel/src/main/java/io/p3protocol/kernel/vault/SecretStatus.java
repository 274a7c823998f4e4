package io.p3protocol.kernel.vault;

/**
 * A secret's state as reported: {@code EXPIRING} within seven days of its expiry, {@code EXPIRED} at or after it
 * (both also by the clock, before the deadline event is recorded), {@code DESTROYED} once its keys are erased.
 */
public enum SecretStatus {
    ACTIVE, EXPIRING, EXPIRED, DESTROYED
}
