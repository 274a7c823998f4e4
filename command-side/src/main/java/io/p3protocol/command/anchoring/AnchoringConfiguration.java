package io.p3protocol.command.anchoring;

import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.WalletUtils;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

import java.util.List;

/** Builds the {@link AnchoringSetup} from {@code p3.anchoring.*}; a malformed key or address stops the start-up. */
@Configuration
@EnableConfigurationProperties(AnchoringProperties.class)
public class AnchoringConfiguration {
    private static final Logger log = LoggerFactory.getLogger(AnchoringConfiguration.class);

    @Bean(destroyMethod = "close")
    AnchoringSetup anchoringSetup(AnchoringProperties properties) {
        List<String> missing = properties.missingSettings();
        if (!missing.isEmpty()) {
            String reason = "anchoring not configured: missing " + String.join(", ", missing);
            log.info("Anchoring is off ({})", reason);
            return AnchoringSetup.off(reason);
        }
        if (!WalletUtils.isValidPrivateKey(properties.getPrivateKey())) {
            throw new IllegalStateException("P3_ANCHOR_PRIVATE_KEY is not a 32-byte hex private key");
        }
        if (!WalletUtils.isValidAddress(properties.getContractAddress())) {
            throw new IllegalStateException("P3_ANCHOR_CONTRACT is not a 20-byte hex address: "
                    + properties.getContractAddress());
        }
        OkHttpClient http = new OkHttpClient.Builder()
                .connectTimeout(properties.getRpcTimeout())
                .readTimeout(properties.getRpcTimeout())
                .writeTimeout(properties.getRpcTimeout())
                .build();
        Web3j web3j = Web3j.build(new HttpService(properties.getRpcUrl(), http));
        EvmAnchorChain chain = new EvmAnchorChain(web3j, Credentials.create(properties.getPrivateKey()),
                properties.getChainId(), properties.getContractAddress(), properties.requiredConfirmations());
        log.info("Anchoring is on: chain id {}, registry {}, sender {}, {} confirmation(s)", chain.chainId(),
                chain.contractAddress(), chain.senderAddress(), chain.requiredConfirmations());
        return AnchoringSetup.on(chain);
    }
}
