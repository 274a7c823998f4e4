package io.p3protocol.app.operations;

import io.p3protocol.kernel.tenancy.TenantCreatedEvent;
import io.p3protocol.kernel.tenancy.TenantRenamedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Test-only handler in its own processing group (configured in application-test.yml, DLQ enabled). It fails for
 * tenants whose name is "poisoned" until the test lifts the poison, and records what it handled per tenant.
 */
@Component
@ProcessingGroup(SwitchableFailingHandler.GROUP)
public class SwitchableFailingHandler {
    public static final String GROUP = "test-dead-letters";

    private final Set<String> poisonedNames = ConcurrentHashMap.newKeySet();
    private final Map<String, List<String>> handled = new ConcurrentHashMap<>();

    public void poison(String tenantName) {
        poisonedNames.add(tenantName);
    }

    public void cure(String tenantName) {
        poisonedNames.remove(tenantName);
    }

    /** What was handled for the tenant, in order: "created:<name>", "renamed:<name>". */
    public List<String> handled(String tenantId) {
        return List.copyOf(handled.getOrDefault(tenantId, List.of()));
    }

    @EventHandler
    void on(TenantCreatedEvent event) {
        if (poisonedNames.contains(event.name())) {
            throw new IllegalStateException("poisoned tenant " + event.name());
        }
        record(event.tenantId(), "created:" + event.name());
    }

    @EventHandler
    void on(TenantRenamedEvent event) {
        record(event.tenantId(), "renamed:" + event.name());
    }

    private void record(String tenantId, String what) {
        handled.computeIfAbsent(tenantId, id -> new CopyOnWriteArrayList<>()).add(what);
    }
}
