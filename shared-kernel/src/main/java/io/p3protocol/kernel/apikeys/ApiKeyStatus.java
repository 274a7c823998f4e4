package io.p3protocol.kernel.apikeys;

public enum ApiKeyStatus { ACTIVE, REVOKED, EXPIRED }
