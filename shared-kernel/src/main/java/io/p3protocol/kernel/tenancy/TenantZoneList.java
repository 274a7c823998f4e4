package io.p3protocol.kernel.tenancy;

import java.util.List;

public record TenantZoneList(List<TenantZoneView> zones) {
    public TenantZoneList {
        zones = List.copyOf(zones);
    }
}
