package io.p3protocol.projection.support;

import org.axonframework.messaging.InterceptorChain;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs one event's handler inside a savepoint of the processor's batch transaction.
 * <p>
 * Why: on PostgreSQL a failed statement aborts the whole transaction, so without a savepoint one bad event would
 * fail its whole batch, the dead-letter queue could not even record it, and the processor would retry the batch
 * forever. With the savepoint, only that event's writes roll back; Axon's dead-letter queue records it in the still
 * healthy transaction and the rest of the batch commits. Projections opt in with a
 * {@code @MessageHandlerInterceptor} that calls {@link #around(InterceptorChain)}.
 */
@Component
public class EventSavepoints {
    private final TransactionTemplate nested;

    public EventSavepoints(PlatformTransactionManager transactionManager) {
        this.nested = new TransactionTemplate(transactionManager);
        this.nested.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    public Object around(InterceptorChain chain) throws Exception {
        Exception[] failure = new Exception[1];
        Object result = nested.execute(status -> {
            try {
                return chain.proceed();
            } catch (Exception e) {
                status.setRollbackOnly(); // back to the savepoint only
                failure[0] = e;
                return null;
            }
        });
        if (failure[0] != null) {
            throw failure[0];
        }
        return result;
    }
}
