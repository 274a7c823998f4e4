package io.p3protocol.kernel.apikeys;

/** The result of {@link IssueApiKeyCommand}: the key and the monthly quota recorded for it (the one its event holds). */
public record IssuedApiKey(String keyId, long quotaMonthly) {
}
