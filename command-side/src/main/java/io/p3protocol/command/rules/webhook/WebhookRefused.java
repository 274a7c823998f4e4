package io.p3protocol.command.rules.webhook;

/** A webhook that must not be sent (scheme, host, SSRF guard, unusable key): the action fails, nothing is sent. */
public class WebhookRefused extends Exception {
    public WebhookRefused(String message) {
        super(message, null, false, false);
    }
}
