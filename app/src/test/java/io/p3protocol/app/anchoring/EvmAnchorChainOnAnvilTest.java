package io.p3protocol.app.anchoring;

import io.p3protocol.command.anchoring.ChainAnswers;
import io.p3protocol.command.anchoring.EvmAnchorChain;
import io.p3protocol.command.anchoring.contract.AnchorRegistry;
import io.p3protocol.kernel.anchoring.AnchorRoot;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.exceptions.TransactionException;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.gas.StaticGasProvider;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link EvmAnchorChain} against a real anvil chain and the real AnchorRegistry bytecode: what is sent, what is read
 * back from the chain, and what is never made up.
 */
class EvmAnchorChainOnAnvilTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static AnvilChain anvil;
    private static String registry;

    @BeforeAll
    static void startChain() throws Exception {
        anvil = AnvilChain.start();
        registry = anvil.deployRegistry(AnvilChain.ACCOUNT_0);
    }

    @AfterAll
    static void stopChain() throws Exception {
        if (anvil != null) {
            anvil.close();
        }
    }

    private static EvmAnchorChain chain(int requiredConfirmations) {
        return new EvmAnchorChain(anvil.web3j(), AnvilChain.ACCOUNT_0, AnvilChain.CHAIN_ID, registry,
                requiredConfirmations);
    }

    private static String newRoot() {
        byte[] root = new byte[32];
        RANDOM.nextBytes(root);
        return "0x" + HexFormat.of().formatHex(root);
    }

    @Test
    void anAnchorIsOneMinedTransactionWhoseLogCarriesTheRootCountMetaAndSender() throws Exception {
        String root = newRoot();
        ChainAnswers.Submission submission = chain(1).submit(root, 42, "checkpoint 7 [1..42]");

        assertThat(submission).isInstanceOf(ChainAnswers.Sent.class);
        String txHash = ((ChainAnswers.Sent) submission).txHash();
        TransactionReceipt receipt = anvil.awaitReceipt(txHash);
        assertThat(receipt.isStatusOK()).isTrue();
        List<AnchorRegistry.AnchoredEventResponse> events = AnchorRegistry.getAnchoredEvents(receipt);
        assertThat(events).hasSize(1);
        assertThat(HexFormat.of().formatHex(events.get(0).root)).isEqualTo(root.substring(2));
        assertThat(events.get(0).count).isEqualTo(BigInteger.valueOf(42));
        assertThat(events.get(0).meta).isEqualTo("checkpoint 7 [1..42]");
        assertThat(events.get(0).sender).isEqualToIgnoringCase(AnvilChain.ACCOUNT_0.getAddress());
    }

    @Test
    void confirmationsCountTheBlocksCoveringTheTransactionItsOwnIncluded() throws Exception {
        String root = newRoot();
        String txHash = ((ChainAnswers.Sent) chain(3).submit(root, 1, "")).txHash();

        // anvil mines the transaction at once, but its receipt can trail the send by a moment (no block is mined
        // meanwhile, so the count stays 1 however long this takes)
        ChainAnswers.TransactionState justMined = chain(3).check(root, txHash);
        for (int tries = 0; justMined instanceof ChainAnswers.Pending && tries < 50; tries++) {
            Thread.sleep(100);
            justMined = chain(3).check(root, txHash);
        }
        anvil.mine(2);
        ChainAnswers.TransactionState buried = chain(3).check(root, txHash);

        assertThat(justMined).isInstanceOfSatisfying(ChainAnswers.Mined.class,
                mined -> assertThat(mined.confirmations()).isEqualTo(1));
        assertThat(buried).isInstanceOfSatisfying(ChainAnswers.Mined.class,
                mined -> assertThat(mined.confirmations()).isEqualTo(3));
    }

    @Test
    void aRootAnchoredBeforeIsAnsweredWithTheEarlierTransactionAndNoSecondIsSent() throws Exception {
        String root = newRoot();
        String first = ((ChainAnswers.Sent) chain(1).submit(root, 5, "first")).txHash();
        // "before" means mined: anvil mines at once, but the receipt (and the latest block's nonce) can trail the send
        anvil.awaitReceipt(first);
        BigInteger nonceAfterFirst = anvil.transactionCount(AnvilChain.ACCOUNT_0.getAddress());

        ChainAnswers.Submission again = chain(1).submit(root, 5, "first");

        assertThat(again).isInstanceOfSatisfying(ChainAnswers.AlreadyAnchored.class,
                found -> assertThat(found.txHash()).isEqualTo(first));
        assertThat(anvil.transactionCount(AnvilChain.ACCOUNT_0.getAddress())).isEqualTo(nonceAfterFirst);
    }

    @Test
    void aTransactionRevertedAsADuplicateIsRecognisedAsTheEarlierAnchor() throws Exception {
        String root = newRoot();
        String earlier = ((ChainAnswers.Sent) chain(1).submit(root, 5, "earlier")).txHash();
        // Another sender's transaction for the same root, sent without the look-up (as in a lost race): it reverts.
        // web3j reports the mined-but-reverted transaction as an exception that carries its hash.
        String lost = assertThatExceptionOfType(TransactionException.class).isThrownBy(() ->
                        AnchorRegistry.load(registry, anvil.web3j(), anvil.signer(AnvilChain.ACCOUNT_1),
                                        new StaticGasProvider(BigInteger.valueOf(2_000_000_000L),
                                                BigInteger.valueOf(200_000)))
                                .anchor(AnchorRoot.bytes(root), BigInteger.valueOf(5), "late").send())
                .actual().getTransactionReceipt().orElseThrow().getTransactionHash();

        ChainAnswers.TransactionState state = chain(1).check(root, lost);

        assertThat(state).isInstanceOfSatisfying(ChainAnswers.AlreadyAnchored.class,
                found -> assertThat(found.txHash()).isEqualTo(earlier));
    }

    @Test
    void aChainThatIsDownGivesAFailureWithTheReasonAndNoHash() throws Exception {
        Web3j nowhere = Web3j.build(new HttpService("http://127.0.0.1:" + AnvilChain.freeLoopbackPort()));
        EvmAnchorChain down = new EvmAnchorChain(nowhere, AnvilChain.ACCOUNT_0, AnvilChain.CHAIN_ID, registry, 1);

        ChainAnswers.Submission submission = down.submit(newRoot(), 1, "");

        assertThat(submission).isInstanceOfSatisfying(ChainAnswers.Failed.class,
                failed -> assertThat(failed.reason()).startsWith("chain RPC unreachable: ").doesNotContain("0x"));
        nowhere.shutdown();
    }

    @Test
    void aChainServingAnotherChainIdIsRefusedBeforeAnythingIsSent() throws Exception {
        BigInteger nonce = anvil.transactionCount(AnvilChain.ACCOUNT_0.getAddress());
        EvmAnchorChain wrongId = new EvmAnchorChain(anvil.web3j(), AnvilChain.ACCOUNT_0, 8453, registry, 1);

        ChainAnswers.Submission submission = wrongId.submit(newRoot(), 1, "");

        assertThat(submission).isInstanceOfSatisfying(ChainAnswers.Failed.class,
                failed -> assertThat(failed.reason()).contains("chain id 31337").contains("configured is 8453"));
        assertThat(anvil.transactionCount(AnvilChain.ACCOUNT_0.getAddress())).isEqualTo(nonce);
    }
}
