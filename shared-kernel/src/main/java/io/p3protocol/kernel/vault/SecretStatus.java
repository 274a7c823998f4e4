package io.p3protocol.kernel.vault;

/**
 * A secret's state as reported: {@code EXPIRING} within seven days of its expiry, {@code EXPIRED} at or after it
 * (both also by the clock, before the deadline event is recorded), {@code DESTROYED} once its keys are erased.
 */
public enum SecretStatus {
    ACTIVE, EXPIRING, EXPIRED, DESTROYED;

    /** How long before its expiry a secret counts as expiring. */
    public static final java.time.Duration WARNING = java.time.Duration.ofDays(7);

    /**
     * The status to report at {@code now}: the recorded one ({@code ACTIVE}, {@code EXPIRING}, {@code EXPIRED} or
     * {@code DESTROYED}, from the deadline events), or a later one the clock already implies.
     */
    public static SecretStatus at(SecretStatus recorded, java.time.Instant expiresAt, java.time.Instant now) {
        if (recorded == DESTROYED) {
            return DESTROYED;
        }
        if (recorded == EXPIRED || !now.isBefore(expiresAt)) {
            return EXPIRED;
        }
        if (recorded == EXPIRING || !now.isBefore(expiresAt.minus(WARNING))) {
            return EXPIRING;
        }
        return ACTIVE;
    }
}
