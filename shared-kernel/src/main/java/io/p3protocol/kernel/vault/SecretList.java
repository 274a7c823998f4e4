package io.p3protocol.kernel.vault;

import java.util.List;

/** The answer to {@link FindSecrets}: tenant, then name order. */
public record SecretList(List<SecretSummary> secrets) {
}
