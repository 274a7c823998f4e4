package io.p3protocol.command.policy;

import io.p3protocol.kernel.messaging.ChainTargeted;
import io.p3protocol.kernel.messaging.MetadataKeys;
import io.p3protocol.kernel.policy.RecordSandboxViolationCommand;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Records a refusal as {@code SandboxViolationBlocked} on the tenant, durably although the refused command fails.
 * <p>
 * The record is sent from a thread of its own: a command refused inside an event processor or a saga is dispatched
 * within that handler's unit of work and transaction, which roll back when the refusal propagates; a record sent
 * on the same thread would join them and vanish. The refusing thread waits for the record (10 s at most), so when
 * the 403 arrives the event is in the store.
 */
@Component
public class SandboxViolationRecorder implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SandboxViolationRecorder.class);
    private static final List<String> CARRIED_OVER = List.of(MetadataKeys.ACTOR, MetadataKeys.CORRELATION_ID,
            MetadataKeys.REQUEST_ID);

    private final ObjectProvider<CommandGateway> commands;
    private final ExecutorService recorder = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "sandbox-violation-recorder");
        thread.setDaemon(true);
        return thread;
    });

    /** The gateway is looked up lazily: it is built on the bus whose interceptor uses this recorder. */
    public SandboxViolationRecorder(ObjectProvider<CommandGateway> commands) {
        this.commands = commands;
    }

    public void record(CommandMessage<?> refused, ChainTargeted target, String sandboxChain) {
        Map<String, Object> metadata = new HashMap<>();
        for (String key : CARRIED_OVER) {
            Object value = refused.getMetaData().get(key);
            if (value != null) {
                metadata.put(key, value);
            }
        }
        metadata.put(MetadataKeys.TENANT_ID, target.tenantId());
        CommandMessage<RecordSandboxViolationCommand> record = new GenericCommandMessage<>(
                new RecordSandboxViolationCommand(target.tenantId(), refused.getCommandName(), target.chain(),
                        sandboxChain), MetaData.from(metadata));
        try {
            recorder.submit(() -> commands.getObject().sendAndWait(record)).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.error("Interrupted while recording a sandbox violation of tenant {}", target.tenantId());
        } catch (ExecutionException | TimeoutException e) {
            // The refusal stands either way; the missing record is loud in the log.
            log.error("Could not record a sandbox violation of tenant {} ({})", target.tenantId(),
                    refused.getCommandName(), e);
        }
    }

    @Override
    public void close() {
        recorder.shutdown();
    }
}
