package io.p3protocol.kernel.policy;

import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The chains commands may target. A sandboxed tenant may only use the testnets, in the original's order
 * ({@code TESTNET_CHAINS} of its tenant-sandbox middleware); names are compared case-insensitively.
 */
public final class Chains {
    /** The original's {@code TESTNET_CHAINS}, in its order: the {@code allowedChains} of a sandbox refusal. */
    public static final List<String> TESTNETS = List.of("sepolia", "goerli", "base-sepolia", "mumbai", "amoy");
    /** The production chains the platform knows. */
    public static final List<String> MAINNETS = List.of("ethereum", "base", "polygon", "arbitrum", "optimism");
    /** What a sandboxed tenant's sandbox chain is when its policy names none. */
    public static final String DEFAULT_SANDBOX_CHAIN = "sepolia";

    private Chains() {
    }

    /** The lower-case form of a chain name, or null for null or blank. */
    public static String normalize(String chain) {
        return chain == null || chain.isBlank() ? null : chain.strip().toLowerCase(Locale.ROOT);
    }

    public static boolean isTestnet(String chain) {
        String normalized = normalize(chain);
        return normalized != null && TESTNETS.contains(normalized);
    }

    public static boolean isKnown(String chain) {
        String normalized = normalize(chain);
        return normalized != null && (TESTNETS.contains(normalized) || MAINNETS.contains(normalized));
    }

    /** Every known chain, testnets first, for error messages. */
    public static String knownNames() {
        return String.join(", ", Stream.concat(TESTNETS.stream(), MAINNETS.stream()).toList());
    }
}
