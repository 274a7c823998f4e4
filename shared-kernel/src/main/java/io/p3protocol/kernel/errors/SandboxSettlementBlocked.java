package io.p3protocol.kernel.errors;

import io.p3protocol.kernel.policy.Chains;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A sandboxed tenant's chain-targeted command named no chain or a chain outside the testnets. The REST surface
 * answers 403 with exactly the original's body ({@link #body()}).
 */
public class SandboxSettlementBlocked extends RuntimeException {
    public static final String CODE = "SANDBOX_SETTLEMENT_BLOCKED";
    public static final String ERROR = "Settlement operations blocked in sandbox mode";
    public static final String TIP = "Pass chain=sepolia to use sandbox settlement on testnet";

    private final String sandboxChain;

    public SandboxSettlementBlocked(String sandboxChain, String requestedChain) {
        super(ERROR + " (requested chain: " + (requestedChain == null ? "none" : "'" + requestedChain + "'") + ")");
        this.sandboxChain = sandboxChain;
    }

    public String sandboxChain() {
        return sandboxChain;
    }

    /** The original's 403 body, members in its order. */
    public Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", ERROR);
        body.put("code", CODE);
        body.put("sandboxChain", sandboxChain);
        body.put("allowedChains", Chains.TESTNETS);
        body.put("tip", TIP);
        return body;
    }
}
