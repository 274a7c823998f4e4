package io.p3protocol.command.rules.webhook;

import java.io.IOException;
import java.util.Map;

/** One HTTP POST to a checked target: no redirects followed, no retries (WebhookDelivery retries). */
public interface WebhookTransport {

    /** The answer: status and at most the first bytes of the body (see PinnedHttpTransport). */
    record Answer(int status, byte[] body) {
    }

    Answer post(WebhookTarget target, Map<String, String> headers, byte[] body) throws IOException;
}
