package io.p3protocol.command.anchoring;

/** What {@link EvmAnchorChain} learnt from the chain. Never a made-up transaction hash: no hash, no anchor. */
public final class ChainAnswers {
    private ChainAnswers() {
    }

    /** The outcome of trying to anchor a root. */
    public sealed interface Submission permits Sent, AlreadyAnchored, Failed {
    }

    /** The state of a known anchoring transaction. */
    public sealed interface TransactionState permits Pending, Mined, AlreadyAnchored, Failed, Unreachable {
    }

    /** The node accepted our transaction; it is not mined yet. */
    public record Sent(String txHash) implements Submission {
    }

    /** The root is anchored on chain by an earlier transaction (ours or anyone's); none was sent for it now. */
    public record AlreadyAnchored(String txHash, long blockNumber) implements Submission, TransactionState {
    }

    /** Nothing is or will be anchored by this attempt, and why. */
    public record Failed(String reason) implements Submission, TransactionState {
    }

    /** The node knows the transaction but has not mined it. */
    public record Pending() implements TransactionState {
    }

    /** Mined successfully in {@code blockNumber}, covered by {@code confirmations} blocks (its own included). */
    public record Mined(long blockNumber, String blockHash, long confirmations) implements TransactionState {
    }

    /** The node could not be asked (down, timeout): nothing is known, ask again later. */
    public record Unreachable(String reason) implements TransactionState {
    }
}
