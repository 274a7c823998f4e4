package io.p3protocol.app.operations;

import io.p3protocol.kernel.tenancy.TenantCreatedEvent;
import io.p3protocol.kernel.tenancy.TenantRenamedEvent;
import io.p3protocol.projection.support.EventSavepoints;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.interceptors.MessageHandlerInterceptor;
import org.springframework.jdbc.core.JdbcTemplate;
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
    private final Set<String> sqlPoisonedNames = ConcurrentHashMap.newKeySet();
    private final Map<String, List<String>> handled = new ConcurrentHashMap<>();
    private final JdbcTemplate jdbc;
    private final EventSavepoints savepoints;

    public SwitchableFailingHandler(JdbcTemplate jdbc, EventSavepoints savepoints) {
        this.jdbc = jdbc;
        this.savepoints = savepoints;
    }

    /** As the real projections do: a failing event must not abort its batch's transaction. */
    @MessageHandlerInterceptor(messageType = EventMessage.class)
    Object oneSavepointPerEvent(InterceptorChain chain) throws Exception {
        return savepoints.around(GROUP, chain);
    }

    /** The tenant's creation fails inside PostgreSQL, which aborts the transaction it ran in. */
    public void poisonWithSqlError(String tenantName) {
        sqlPoisonedNames.add(tenantName);
    }

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
        if (sqlPoisonedNames.contains(event.name())) {
            jdbc.queryForObject("SELECT 1 / 0", Integer.class);
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
