package io.p3protocol.command.rules.engine;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per tenant, the parsed rules live events are evaluated against, in priority order: a cache of
 * {@link RuleEngineStore}, never the source of truth.
 * <ul>
 *   <li>A rule change only <i>invalidates</i> its tenant; the next evaluation reloads the tenant from the store
 *       inside the same transaction, so it sees the change, and a rolled-back change is never cached.</li>
 *   <li>Once per batch the store's generation is compared with the one the cache was built from; if another node
 *       changed the rules in between (the trigger segment moved and came back), everything is reloaded.</li>
 *   <li>A batch that rolls back empties the cache.</li>
 * </ul>
 */
@Component
class ActiveRuleCache {
    private static final String CHECKED = ActiveRuleCache.class.getName() + ".checked";

    private final RuleEngineStore store;
    private final Map<String, List<CompiledRule>> byTenant = new ConcurrentHashMap<>();
    private volatile long generation = -1;

    ActiveRuleCache(RuleEngineStore store) {
        this.store = store;
    }

    List<CompiledRule> rulesOf(String tenantId) {
        checkOncePerBatch();
        return byTenant.computeIfAbsent(tenantId, store::evaluatedRules);
    }

    /** After this node changed {@code tenantId}'s rules in the current transaction. */
    void changed(String tenantId) {
        checkOncePerBatch();
        byTenant.remove(tenantId);
        generation = store.nextGeneration();
    }

    void clear() {
        byTenant.clear();
        generation = -1;
    }

    private void checkOncePerBatch() {
        if (!CurrentUnitOfWork.isStarted()) {
            return;
        }
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        if (batch.resources().putIfAbsent(CHECKED, Boolean.TRUE) == null) {
            batch.onRollback(u -> clear());
            long current = store.generation();
            if (current != generation) {
                byTenant.clear();
                generation = current;
            }
        }
    }
}
