package io.p3protocol.kernel.tenancy;

public enum TenantStatus { ACTIVE, SUSPENDED }
