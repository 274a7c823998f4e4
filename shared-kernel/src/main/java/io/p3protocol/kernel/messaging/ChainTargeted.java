package io.p3protocol.kernel.messaging;

/**
 * A command that acts on a blockchain (a payment transfer, a settlement, an anchoring batch…). Every such command is
 * checked against its tenant's sandbox policy by one dispatch interceptor on the command bus, whoever sends it: a
 * REST controller, a rules-engine action or a saga.
 */
public interface ChainTargeted extends TenantScoped {
    /** The chain the command targets as the sender named it (any case), or null when it named none. */
    String chain();
}
