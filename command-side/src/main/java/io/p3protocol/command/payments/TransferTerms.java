package io.p3protocol.command.payments;

import io.p3protocol.kernel.errors.InvalidInput;
import io.p3protocol.kernel.identity.WalletAddress;
import io.p3protocol.kernel.policy.Chains;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What makes a transfer request usable. The REST surface checks the recipient and the amount before dispatching
 * (so a malformed request never reaches the sandbox check); the chain is checked by the aggregate, after the
 * sandbox enforcement has seen the chain as the caller named it.
 */
final class TransferTerms {
    /** Plain decimal notation: no sign, no exponent, no leading zeros; at most 78 digits (a uint256 in wei). */
    private static final Pattern AMOUNT = Pattern.compile("(0|[1-9][0-9]{0,77})(\\.[0-9]{1,78})?");

    private TransferTerms() {
    }

    /** The recipient and amount problems, field by field (empty when both are usable). */
    static List<InvalidInput.FieldError> recipientAndAmountErrors(String to, String amount) {
        List<InvalidInput.FieldError> errors = new ArrayList<>();
        try {
            WalletAddress.parse(to);
        } catch (IllegalArgumentException e) {
            errors.add(new InvalidInput.FieldError("to", e.getMessage()));
        }
        if (amount == null || !AMOUNT.matcher(amount).matches()) {
            errors.add(new InvalidInput.FieldError("amount",
                    "must be a positive decimal number as a string, e.g. \"0.25\" (no sign or exponent)"));
        } else if (new BigDecimal(amount).signum() <= 0) {
            errors.add(new InvalidInput.FieldError("amount", "must be greater than zero"));
        }
        return errors;
    }

    static void checkRecipientAndAmount(String to, String amount) {
        List<InvalidInput.FieldError> errors = recipientAndAmountErrors(to, amount);
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
    }

    /** Every problem of a whole transfer, the chain's first. */
    static void check(String chain, String to, String amount) {
        List<InvalidInput.FieldError> errors = new ArrayList<>();
        if (Chains.normalize(chain) == null) {
            errors.add(new InvalidInput.FieldError("chain", "is required; one of " + Chains.knownNames()));
        } else if (!Chains.isKnown(chain)) {
            errors.add(new InvalidInput.FieldError("chain", "unknown chain '" + chain + "'; known: "
                    + Chains.knownNames()));
        }
        errors.addAll(recipientAndAmountErrors(to, amount));
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
    }
}
