package io.p3protocol.command.identity;

import io.p3protocol.kernel.crypto.KemMode;
import io.p3protocol.kernel.identity.IdentityKeysSummary;

/**
 * Which KEM an encapsulation uses, and why. Hybrid needs both parties kyber-enabled: the recipient, whose ML-KEM
 * key is encapsulated to, and the sender, named by {@code fromWallet}. The sender counts because the lane handshake
 * this serves is two-way (the recipient answers by encapsulating to the sender): a session is only as
 * post-quantum as its weaker side, so a hybrid one-way leg to a sender without ML-KEM would overstate what the
 * session gets. An unnamed sender has not shown it can do ML-KEM, so it falls back too. Every fallback says why.
 */
record EncapsulationPlan(KemMode mode, String reason) {
    static final String BOTH_KYBER_ENABLED = "both_parties_kyber_enabled";
    static final String SENDER_NOT_NAMED = "sender_not_named";
    static final String RECIPIENT_NOT_KYBER_ENABLED = "recipient_not_kyber_enabled";
    static final String SENDER_NOT_KYBER_ENABLED = "sender_not_kyber_enabled";
    static final String NEITHER_KYBER_ENABLED = "neither_party_kyber_enabled";

    /** @param sender null when the request names no sender */
    static EncapsulationPlan decide(IdentityKeysSummary recipient, IdentityKeysSummary sender) {
        if (sender == null) {
            return new EncapsulationPlan(KemMode.X25519, SENDER_NOT_NAMED);
        }
        if (recipient.kyberEnabled() && sender.kyberEnabled()) {
            return new EncapsulationPlan(KemMode.HYBRID, BOTH_KYBER_ENABLED);
        }
        if (!recipient.kyberEnabled() && !sender.kyberEnabled()) {
            return new EncapsulationPlan(KemMode.X25519, NEITHER_KYBER_ENABLED);
        }
        return new EncapsulationPlan(KemMode.X25519,
                recipient.kyberEnabled() ? SENDER_NOT_KYBER_ENABLED : RECIPIENT_NOT_KYBER_ENABLED);
    }
}
