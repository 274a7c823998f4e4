package io.p3protocol.command.payments;

import io.p3protocol.kernel.errors.InvalidInput;
import io.p3protocol.kernel.payments.RequestTransferCommand;
import io.p3protocol.kernel.payments.TransferRequestedEvent;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TransferTest {
    private static final String TRANSFER = "transfer-1";
    private static final String TENANT = "tenant-1";
    private static final String TO = "0x52908400098527886E0F7030069857D2E4169EE7"; // EIP-55 test vector (all caps)

    private AggregateTestFixture<Transfer> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Transfer.class);
    }

    @Test
    void aRequestRecordsTheTransferWithChainAndAddressInLowerCase() {
        fixture.givenNoPriorActivity()
                .when(new RequestTransferCommand(TRANSFER, TENANT, "Base-Sepolia", TO, "0.25"))
                .expectEvents(new TransferRequestedEvent(TRANSFER, TENANT, "base-sepolia", TO.toLowerCase(), "0.25"));
    }

    @Test
    void aTransferWithoutAChainIsRefusedNamingTheChain() {
        fixture.givenNoPriorActivity()
                .when(new RequestTransferCommand(TRANSFER, TENANT, null, TO, "1"))
                .expectException(InvalidInput.class)
                .expectExceptionMessage("chain: is required; one of sepolia, goerli, base-sepolia, mumbai, amoy, "
                        + "ethereum, base, polygon, arbitrum, optimism")
                .expectNoEvents();
    }

    @Test
    void anUnknownChainIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new RequestTransferCommand(TRANSFER, TENANT, "dogechain", TO, "1"))
                .expectException(InvalidInput.class)
                .expectNoEvents();
    }

    @Test
    void aRecipientThatIsNoEvmAddressIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new RequestTransferCommand(TRANSFER, TENANT, "sepolia", "0x1234", "1"))
                .expectException(InvalidInput.class)
                .expectExceptionMessage("to: must be an EVM address: 0x followed by 40 hex digits")
                .expectNoEvents();
    }

    @Test
    void aZeroAmountIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new RequestTransferCommand(TRANSFER, TENANT, "sepolia", TO, "0.000"))
                .expectException(InvalidInput.class)
                .expectExceptionMessage("amount: must be greater than zero")
                .expectNoEvents();
    }

    @Test
    void aNegativeOrExponentAmountIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new RequestTransferCommand(TRANSFER, TENANT, "sepolia", TO, "-1e3"))
                .expectException(InvalidInput.class)
                .expectNoEvents();
    }
}
