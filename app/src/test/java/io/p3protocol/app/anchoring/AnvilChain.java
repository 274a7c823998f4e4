package io.p3protocol.app.anchoring;

import io.p3protocol.command.anchoring.contract.AnchorRegistry;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.methods.response.VoidResponse;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.gas.DefaultGasProvider;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real local EVM chain for tests: Foundry's anvil from tools/anvil (install.sh), started on a free loopback port
 * with chain id 31337 and anvil's well-known test mnemonic, so the accounts and keys below are fixed. Every block is
 * mined when a transaction arrives (automine); {@link #mine(int)} adds empty blocks to bury a transaction. Without
 * tools/anvil/node_modules the calling test is skipped, unless {@code P3_REQUIRE_ANVIL=1} (CI sets it after running
 * install.sh), where it fails instead.
 */
public final class AnvilChain implements AutoCloseable {
    public static final long CHAIN_ID = 31337;
    public static final String MNEMONIC = "test test test test test test test test test test test junk";
    /** Accounts 0 and 1 of {@link #MNEMONIC}: public test keys, funded by anvil, worthless anywhere else. */
    public static final Credentials ACCOUNT_0 =
            Credentials.create("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
    public static final Credentials ACCOUNT_1 =
            Credentials.create("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");

    private final Process process;
    private final String rpcUrl;
    private final Web3j web3j;
    private final Path log;

    private AnvilChain(Process process, String rpcUrl, Path log) {
        this.process = process;
        this.rpcUrl = rpcUrl;
        this.web3j = Web3j.build(new HttpService(rpcUrl));
        this.log = log;
    }

    /** Skips (or, with P3_REQUIRE_ANVIL=1, fails) the calling test when the anvil binary is not installed. */
    public static Path requireAnvil() {
        Path anvil = repositoryRoot().resolve("tools/anvil/node_modules/.bin/anvil");
        if (Files.isExecutable(anvil)) {
            return anvil;
        }
        String missing = anvil + " is missing: run tools/anvil/install.sh";
        if ("1".equals(System.getenv("P3_REQUIRE_ANVIL"))) {
            Assertions.fail(missing + " (P3_REQUIRE_ANVIL=1 makes the anvil tests mandatory)");
        }
        Assumptions.abort(missing);
        return anvil;
    }

    public static AnvilChain start() throws IOException, InterruptedException {
        Path anvil = requireAnvil();
        int port = freeLoopbackPort();
        Path logDir = repositoryRoot().resolve("app/target/anvil");
        Files.createDirectories(logDir);
        Path log = logDir.resolve("anvil-" + port + ".log");
        List<String> command = new ArrayList<>(List.of(anvil.toString(), "--host", "127.0.0.1", "--port",
                String.valueOf(port), "--chain-id", String.valueOf(CHAIN_ID), "--mnemonic", MNEMONIC,
                "--accounts", "2", "--no-request-size-limit"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        AnvilChain chain = new AnvilChain(process, "http://127.0.0.1:" + port, log);
        chain.awaitReady();
        return chain;
    }

    public String rpcUrl() {
        return rpcUrl;
    }

    public Web3j web3j() {
        return web3j;
    }

    /** Deploys a fresh AnchorRegistry (the committed wrapper's bytecode) from {@code deployer}; its address. */
    public String deployRegistry(Credentials deployer) throws Exception {
        return AnchorRegistry.deploy(web3j, signer(deployer), new DefaultGasProvider()).send().getContractAddress();
    }

    /** A transaction manager for {@code account} that waits for the (automined) receipt. */
    public RawTransactionManager signer(Credentials account) {
        return new RawTransactionManager(web3j, account, CHAIN_ID,
                new PollingTransactionReceiptProcessor(web3j, 100, 100));
    }

    /** Mines {@code blocks} empty blocks at once (anvil_mine). */
    public void mine(int blocks) throws IOException {
        VoidResponse response = new Request<>("anvil_mine", List.of("0x" + Integer.toHexString(blocks)),
                new HttpService(rpcUrl), VoidResponse.class).send();
        if (response.hasError()) {
            throw new IOException("anvil_mine failed: " + response.getError().getMessage());
        }
    }

    /**
     * The receipt of {@code txHash}. Anvil mines a transaction at once, but its receipt can trail the send by a
     * moment, so this polls (every 50 ms, up to 10 s) instead of reading once.
     */
    public org.web3j.protocol.core.methods.response.TransactionReceipt awaitReceipt(String txHash)
            throws IOException, InterruptedException {
        for (int tries = 0; tries < 200; tries++) {
            var receipt = web3j.ethGetTransactionReceipt(txHash).send().getTransactionReceipt();
            if (receipt.isPresent()) {
                return receipt.get();
            }
            Thread.sleep(50);
        }
        throw new IOException("no receipt for " + txHash + " within 10 s");
    }

    /** Transactions sent from the address, mined or not (the pending block's nonce). */
    public BigInteger transactionCount(String address) throws IOException {
        return web3j.ethGetTransactionCount(address,
                org.web3j.protocol.core.DefaultBlockParameterName.PENDING).send().getTransactionCount();
    }

    @Override
    public void close() throws InterruptedException {
        web3j.shutdown();
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private void awaitReady() throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException("anvil exited with " + process.exitValue() + ":\n" + Files.readString(log));
            }
            try {
                if (web3j.ethChainId().send().getChainId().longValueExact() == CHAIN_ID) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(100);
        }
        close();
        throw new IOException("anvil did not answer within 30 s:\n" + Files.readString(log));
    }

    static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static Path repositoryRoot() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("tools"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no repository root (a directory with tools/) above "
                    + System.getProperty("user.dir"));
        }
        return dir;
    }
}
