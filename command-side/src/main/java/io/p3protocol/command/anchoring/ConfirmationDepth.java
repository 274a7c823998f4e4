package io.p3protocol.command.anchoring;

import java.util.Map;

/**
 * How many blocks must cover an anchoring transaction before it counts as final, per chain id, as in the original
 * (spec F12c: base 1 from {@code tx.wait(1)}, the bridge adapters' arbitrum 20, optimism 50, polygon 128, and the
 * monitor's fallback of 12 for ethereum and any chain without an adapter). Their public test networks share the
 * depth of their main network; a local anvil/hardhat chain (31337) needs 1. {@code p3.anchoring.confirmations}
 * overrides it.
 */
public final class ConfirmationDepth {
    /** The original's fallback for a chain it has no adapter for (BridgeMonitor). */
    public static final int FALLBACK = 12;

    private static final Map<Long, Integer> BY_CHAIN_ID = Map.ofEntries(
            Map.entry(1L, 12), Map.entry(11155111L, 12),          // ethereum, sepolia
            Map.entry(8453L, 1), Map.entry(84532L, 1),            // base, base sepolia
            Map.entry(137L, 128), Map.entry(80002L, 128),         // polygon, amoy
            Map.entry(42161L, 20), Map.entry(421614L, 20),        // arbitrum one, arbitrum sepolia
            Map.entry(10L, 50), Map.entry(11155420L, 50),         // optimism, op sepolia
            Map.entry(31337L, 1));                                // anvil / hardhat local chain

    private ConfirmationDepth() {
    }

    public static int forChain(long chainId) {
        return BY_CHAIN_ID.getOrDefault(chainId, FALLBACK);
    }
}
