package io.p3protocol.command.anchoring;

import io.p3protocol.command.anchoring.ChainAnswers.AlreadyAnchored;
import io.p3protocol.command.anchoring.ChainAnswers.Failed;
import io.p3protocol.command.anchoring.ChainAnswers.Mined;
import io.p3protocol.command.anchoring.ChainAnswers.Pending;
import io.p3protocol.command.anchoring.ChainAnswers.Sent;
import io.p3protocol.command.anchoring.ChainAnswers.Submission;
import io.p3protocol.command.anchoring.ChainAnswers.TransactionState;
import io.p3protocol.command.anchoring.ChainAnswers.Unreachable;
import io.p3protocol.command.anchoring.contract.AnchorRegistry;
import io.p3protocol.kernel.anchoring.AnchorRoot;
import org.web3j.abi.EventEncoder;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthEstimateGas;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.DefaultGasProvider;
import org.web3j.tx.gas.StaticGasProvider;
import org.web3j.tx.response.NoOpProcessor;

import java.io.IOException;
import java.math.BigInteger;
import java.util.Optional;

/**
 * The AnchorRegistry on one EVM chain, through the committed web3j wrapper. {@link #submit} sends at most one
 * transaction and returns as soon as the node accepted it; {@link #check} reads what became of it. The registry
 * refuses a root anchored before, so a root is first looked up on chain ({@code anchoredAt}): an existing anchor is
 * answered as {@link AlreadyAnchored} with its transaction, and no second transaction is sent.
 */
public class EvmAnchorChain {
    /** Selector of {@code error AlreadyAnchored(bytes32,uint256)}, seen in revert data when a race lost. */
    static final String ALREADY_ANCHORED_SELECTOR =
            Hash.sha3String("AlreadyAnchored(bytes32,uint256)").substring(0, 10);

    private final Web3j web3j;
    private final Credentials credentials;
    private final long chainId;
    private final String contractAddress;
    private final int requiredConfirmations;
    private final AnchorRegistry reader;
    private volatile boolean chainIdVerified;

    public EvmAnchorChain(Web3j web3j, Credentials credentials, long chainId, String contractAddress,
                          int requiredConfirmations) {
        this.web3j = web3j;
        this.credentials = credentials;
        this.chainId = chainId;
        this.contractAddress = contractAddress;
        this.requiredConfirmations = requiredConfirmations;
        this.reader = AnchorRegistry.load(contractAddress, web3j,
                new ReadonlyTransactionManager(web3j, credentials.getAddress()), new DefaultGasProvider());
    }

    public long chainId() {
        return chainId;
    }

    public String contractAddress() {
        return contractAddress;
    }

    public int requiredConfirmations() {
        return requiredConfirmations;
    }

    /** The address that signs and pays for anchoring transactions (public; the key itself never leaves here). */
    public String senderAddress() {
        return credentials.getAddress();
    }

    public Submission submit(String root, long count, String meta) {
        byte[] rootBytes = AnchorRoot.bytes(root);
        try {
            Optional<String> wrongChain = verifyChainId();
            if (wrongChain.isPresent()) {
                return new Failed(wrongChain.get());
            }
            Optional<AlreadyAnchored> existing = findExisting(root);
            if (existing.isPresent()) {
                return existing.get();
            }
            String callData = reader.anchor(rootBytes, BigInteger.valueOf(count), meta).encodeFunctionCall();
            EthEstimateGas estimate = web3j.ethEstimateGas(Transaction.createFunctionCallTransaction(
                    credentials.getAddress(), null, null, null, contractAddress, callData)).send();
            if (estimate.hasError()) {
                return refused(root, estimate.getError());
            }
            BigInteger gasPrice = required(web3j.ethGasPrice().send(), "eth_gasPrice").getGasPrice();
            // A quarter more than estimated: the estimate is exact only for the state it was made on.
            BigInteger gasLimit = estimate.getAmountUsed().multiply(BigInteger.valueOf(5)).divide(BigInteger.valueOf(4));
            // NoOpProcessor: answer the hash at once; the confirmation poller watches the receipt.
            RawTransactionManager signer = new RawTransactionManager(web3j, credentials, chainId,
                    new NoOpProcessor(web3j));
            TransactionReceipt accepted = AnchorRegistry.load(contractAddress, web3j, signer,
                    new StaticGasProvider(gasPrice, gasLimit)).anchor(rootBytes, BigInteger.valueOf(count), meta).send();
            return new Sent(accepted.getTransactionHash());
        } catch (IOException e) {
            return new Failed("chain RPC unreachable: " + describe(e));
        } catch (Exception e) {
            return new Failed("anchoring transaction not sent: " + describe(e));
        }
    }

    public TransactionState check(String root, String txHash) {
        try {
            Optional<TransactionReceipt> receipt = required(web3j.ethGetTransactionReceipt(txHash).send(),
                    "eth_getTransactionReceipt").getTransactionReceipt();
            if (receipt.isEmpty()) {
                boolean known = required(web3j.ethGetTransactionByHash(txHash).send(), "eth_getTransactionByHash")
                        .getTransaction().isPresent();
                return known ? new Pending() : new Failed("transaction " + txHash + " is unknown to the chain node"
                        + " (dropped or never propagated)");
            }
            TransactionReceipt mined = receipt.get();
            if (!mined.isStatusOK()) {
                Optional<AlreadyAnchored> existing = findExisting(root);
                if (existing.isPresent() && !existing.get().txHash().equalsIgnoreCase(txHash)) {
                    return existing.get();
                }
                return new Failed("transaction " + txHash + " reverted in block " + mined.getBlockNumber());
            }
            BigInteger head = required(web3j.ethBlockNumber().send(), "eth_blockNumber").getBlockNumber();
            long confirmations = Math.max(0, head.subtract(mined.getBlockNumber()).longValueExact() + 1);
            return new Mined(mined.getBlockNumber().longValueExact(), mined.getBlockHash(), confirmations);
        } catch (IOException e) {
            return new Unreachable("chain RPC unreachable: " + describe(e));
        } catch (RpcError e) {
            return new Unreachable(e.getMessage());
        }
    }

    /** The Anchored log of {@code root}, when the registry has it. */
    public Optional<AnchorRegistry.AnchoredEventResponse> anchoredLog(String root) throws IOException {
        BigInteger block;
        try {
            block = reader.anchoredAt(AnchorRoot.bytes(root)).send();
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        }
        if (block.signum() == 0) {
            return Optional.empty();
        }
        EthFilter filter = new EthFilter(DefaultBlockParameter.valueOf(block), DefaultBlockParameter.valueOf(block),
                contractAddress);
        filter.addSingleTopic(EventEncoder.encode(AnchorRegistry.ANCHORED_EVENT));
        filter.addSingleTopic(root);
        EthLog logs = required(web3j.ethGetLogs(filter).send(), "eth_getLogs");
        return logs.getLogs().stream().map(result -> (Log) result.get()).findFirst()
                .map(AnchorRegistry::getAnchoredEventFromLog);
    }

    private Optional<AlreadyAnchored> findExisting(String root) throws IOException {
        return anchoredLog(root).map(event -> new AlreadyAnchored(event.log.getTransactionHash(),
                event.log.getBlockNumber().longValueExact()));
    }

    private Submission refused(String root, Response.Error error) throws IOException {
        if (error.getData() != null && error.getData().startsWith(ALREADY_ANCHORED_SELECTOR)) {
            Optional<AlreadyAnchored> existing = findExisting(root);
            if (existing.isPresent()) {
                return existing.get();
            }
        }
        return new Failed("the registry refuses the anchor: " + error.getMessage());
    }

    private Optional<String> verifyChainId() throws IOException {
        if (chainIdVerified) {
            return Optional.empty();
        }
        BigInteger actual = required(web3j.ethChainId().send(), "eth_chainId").getChainId();
        if (actual.longValueExact() != chainId) {
            return Optional.of("the chain RPC serves chain id " + actual + ", configured is " + chainId
                    + " (P3_ANCHOR_CHAIN_ID); nothing sent");
        }
        chainIdVerified = true;
        return Optional.empty();
    }

    private static <T extends Response<?>> T required(T response, String method) {
        if (response.hasError()) {
            throw new RpcError(method + " failed: " + response.getError().getMessage());
        }
        return response;
    }

    /** Only the exception's own words: an RPC URL can carry a provider API key, so it is never repeated. */
    private static String describe(Exception e) {
        String message = e.getMessage() == null ? "" : ": " + e.getMessage();
        return e.getClass().getSimpleName() + message;
    }

    /** A JSON-RPC error answer to a read (the node is reachable but refused the call). */
    static final class RpcError extends RuntimeException {
        RpcError(String message) {
            super(message);
        }
    }

    void shutdown() {
        web3j.shutdown();
    }
}
