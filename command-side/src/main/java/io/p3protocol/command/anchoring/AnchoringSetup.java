package io.p3protocol.command.anchoring;

import java.util.Optional;

/**
 * Whether this deployment anchors, and on which chain. Off (no chain) when a setting is missing; then
 * {@link #notConfiguredReason()} names the missing settings, and nothing anywhere pretends an anchor exists.
 */
public final class AnchoringSetup implements AutoCloseable {
    private final EvmAnchorChain chain;
    private final String notConfiguredReason;

    private AnchoringSetup(EvmAnchorChain chain, String notConfiguredReason) {
        this.chain = chain;
        this.notConfiguredReason = notConfiguredReason;
    }

    public static AnchoringSetup on(EvmAnchorChain chain) {
        return new AnchoringSetup(chain, null);
    }

    public static AnchoringSetup off(String reason) {
        return new AnchoringSetup(null, reason);
    }

    public Optional<EvmAnchorChain> chain() {
        return Optional.ofNullable(chain);
    }

    public boolean configured() {
        return chain != null;
    }

    public String notConfiguredReason() {
        return notConfiguredReason;
    }

    /** Stops the chain client's threads (web3j's are not daemons, so a JVM would otherwise not exit). */
    @Override
    public void close() {
        if (chain != null) {
            chain.shutdown();
        }
    }
}
