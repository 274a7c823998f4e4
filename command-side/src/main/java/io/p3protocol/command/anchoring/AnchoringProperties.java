package io.p3protocol.command.anchoring;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code p3.anchoring.*} (environment P3_ANCHOR_RPC_URL, P3_ANCHOR_CHAIN_ID, P3_ANCHOR_PRIVATE_KEY,
 * P3_ANCHOR_CONTRACT, P3_ANCHOR_CONFIRMATIONS, P3_ANCHOR_POLL_INTERVAL). Anchoring is on only when the RPC URL,
 * chain id, private key and registry contract address are all set. {@link #toString()} never shows the key.
 */
@ConfigurationProperties("p3.anchoring")
public class AnchoringProperties {
    private String rpcUrl;
    private Long chainId;
    private String privateKey;
    private String contractAddress;
    /** Overrides the chain's confirmation depth ({@link ConfirmationDepth}) when set. */
    private Integer confirmations;
    private Duration pollInterval = Duration.ofSeconds(5);
    private Duration rpcTimeout = Duration.ofSeconds(10);

    /** The settings that are missing, by environment variable; empty when anchoring is configured. */
    public List<String> missingSettings() {
        List<String> missing = new ArrayList<>();
        if (isBlank(rpcUrl)) {
            missing.add("P3_ANCHOR_RPC_URL");
        }
        if (chainId == null) {
            missing.add("P3_ANCHOR_CHAIN_ID");
        }
        if (isBlank(privateKey)) {
            missing.add("P3_ANCHOR_PRIVATE_KEY");
        }
        if (isBlank(contractAddress)) {
            missing.add("P3_ANCHOR_CONTRACT");
        }
        return missing;
    }

    public int requiredConfirmations() {
        return confirmations != null ? confirmations : ConfirmationDepth.forChain(chainId);
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    public String getRpcUrl() {
        return rpcUrl;
    }

    public void setRpcUrl(String rpcUrl) {
        this.rpcUrl = rpcUrl;
    }

    public Long getChainId() {
        return chainId;
    }

    public void setChainId(Long chainId) {
        this.chainId = chainId;
    }

    public String getPrivateKey() {
        return privateKey;
    }

    public void setPrivateKey(String privateKey) {
        this.privateKey = privateKey;
    }

    public String getContractAddress() {
        return contractAddress;
    }

    public void setContractAddress(String contractAddress) {
        this.contractAddress = contractAddress;
    }

    public Integer getConfirmations() {
        return confirmations;
    }

    public void setConfirmations(Integer confirmations) {
        if (confirmations != null && confirmations < 1) {
            throw new IllegalArgumentException("p3.anchoring.confirmations must be at least 1");
        }
        this.confirmations = confirmations;
    }

    public Duration getPollInterval() {
        return pollInterval;
    }

    public void setPollInterval(Duration pollInterval) {
        this.pollInterval = pollInterval;
    }

    public Duration getRpcTimeout() {
        return rpcTimeout;
    }

    public void setRpcTimeout(Duration rpcTimeout) {
        this.rpcTimeout = rpcTimeout;
    }

    @Override
    public String toString() {
        return "AnchoringProperties{rpcUrl=" + rpcUrl + ", chainId=" + chainId + ", privateKey="
                + (isBlank(privateKey) ? "<unset>" : "<set>") + ", contractAddress=" + contractAddress
                + ", confirmations=" + confirmations + "}";
    }
}
