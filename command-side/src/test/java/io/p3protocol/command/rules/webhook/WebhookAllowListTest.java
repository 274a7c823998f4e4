package io.p3protocol.command.rules.webhook;

import io.p3protocol.kernel.rules.SetWebhookAllowListCommand;
import io.p3protocol.kernel.rules.WebhookAllowListSetEvent;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

import java.util.List;

class WebhookAllowListTest {
    private static final String ID = SetWebhookAllowListCommand.allowListId("t1");
    private final AggregateTestFixture<WebhookAllowList> fixture = new AggregateTestFixture<>(WebhookAllowList.class);

    @Test
    void theFirstListIsRecorded() {
        fixture.givenNoPriorActivity()
                .when(SetWebhookAllowListCommand.of("t1", List.of("127.0.0.1")))
                .expectEvents(new WebhookAllowListSetEvent(ID, "t1", List.of("127.0.0.1")))
                .expectResultMessagePayload(true);
    }

    @Test
    void theSameListAgainRecordsNothing() {
        fixture.given(new WebhookAllowListSetEvent(ID, "t1", List.of("127.0.0.1")))
                .when(SetWebhookAllowListCommand.of("t1", List.of("127.0.0.1")))
                .expectNoEvents()
                .expectResultMessagePayload(false);
    }

    @Test
    void anEmptyListClearsIt() {
        fixture.given(new WebhookAllowListSetEvent(ID, "t1", List.of("127.0.0.1")))
                .when(SetWebhookAllowListCommand.of("t1", List.of()))
                .expectEvents(new WebhookAllowListSetEvent(ID, "t1", List.of()));
    }
}
