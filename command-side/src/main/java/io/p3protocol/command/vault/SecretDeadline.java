package io.p3protocol.command.vault;

/** The payload of a secret's expiry deadlines: the version they were scheduled for (a rotated one is ignored). */
public record SecretDeadline(int version) {
}
