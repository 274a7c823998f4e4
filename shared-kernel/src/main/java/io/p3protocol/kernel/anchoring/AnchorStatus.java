package io.p3protocol.kernel.anchoring;

/**
 * Where the anchoring of one root stands.
 * REQUESTED: recorded, no transaction yet. SUBMITTED: a transaction (or an earlier anchor of the same root) is known
 * and awaits its confirmation depth. CONFIRMED: mined and buried under the chain's confirmation depth. FAILED: no
 * anchor, with the reason; requesting the root again retries.
 */
public enum AnchorStatus {
    REQUESTED, SUBMITTED, CONFIRMED, FAILED
}
