package io.p3protocol.command.anchoring;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConfirmationDepthTest {
    @Test
    void theOriginalsDepthsPerMainnet() {
        assertThat(ConfirmationDepth.forChain(8453)).as("base").isEqualTo(1);
        assertThat(ConfirmationDepth.forChain(1)).as("ethereum").isEqualTo(12);
        assertThat(ConfirmationDepth.forChain(137)).as("polygon").isEqualTo(128);
        assertThat(ConfirmationDepth.forChain(42161)).as("arbitrum").isEqualTo(20);
        assertThat(ConfirmationDepth.forChain(10)).as("optimism").isEqualTo(50);
    }

    @Test
    void aLocalAnvilChainNeedsOneAndAnUnknownChainTheFallbackOfTwelve() {
        assertThat(ConfirmationDepth.forChain(31337)).isEqualTo(1);
        assertThat(ConfirmationDepth.forChain(999_999)).isEqualTo(12);
    }
}
