package io.p3protocol.app.messaging;

import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.Set;

/**
 * Streaming processors commit their batches without waiting for the WAL flush ({@code synchronous_commit = off},
 * for their own transactions only).
 * <p>
 * Why this is safe: a batch's read-model writes and its tracking token commit in one transaction, so a crash can
 * only lose whole recent batches, which the processor then simply handles again from the older token; read models
 * are derived data and the events they come from are committed durably by the command side. Why it matters: every
 * command would otherwise pay for two or three extra WAL flushes (one per processor) competing with its own.
 * Commands, and the subscribing {@code auth-credentials} processor that runs inside the command's transaction,
 * keep {@code synchronous_commit = on}: an acknowledged command is durable.
 */
@Configuration(proxyBeanMethods = false)
public class ProjectionCommitConfiguration {
    private static final String APPLIED = ProjectionCommitConfiguration.class.getName() + ".applied";

    @Autowired
    void configure(EventProcessingConfigurer processing, JdbcTemplate jdbc,
                   @Value("${p3.projections.async-commit-processors}") Set<String> processors) {
        processing.registerDefaultHandlerInterceptor((config, processorName) -> processors.contains(processorName)
                ? asyncCommit(jdbc)
                : (unitOfWork, chain) -> chain.proceed());
    }

    private static MessageHandlerInterceptor<EventMessage<?>> asyncCommit(JdbcTemplate jdbc) {
        return (unitOfWork, chain) -> {
            // once per batch: the root unit of work spans the batch's transaction
            if (unitOfWork.root().resources().putIfAbsent(APPLIED, Boolean.TRUE) == null) {
                jdbc.execute("SET LOCAL synchronous_commit = off");
            }
            return chain.proceed();
        };
    }
}
