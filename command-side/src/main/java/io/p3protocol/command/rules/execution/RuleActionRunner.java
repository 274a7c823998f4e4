package io.p3protocol.command.rules.execution;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.p3protocol.command.rules.actions.ActionResult;
import io.p3protocol.kernel.rules.RecordRuleActionResultsCommand;
import io.p3protocol.kernel.rules.RuleTriggeredEvent;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Processor {@value #PROCESSING_GROUP}: runs the actions of every live execution (RuleTriggeredEvent with
 * {@code awaitsActions()}), then records the results on the execution.
 * <ul>
 *   <li>It is the only place actions run, and it is <b>never replayed</b> ({@link DisallowReplay}): resetting it
 *       would run side effects again. Replaying the trigger processor creates no new executions, so nothing
 *       reaches this processor twice.</li>
 *   <li>All actions succeeded: the results are recorded (RuleExecutionCompletedEvent) in the processor's own
 *       transaction, with its token.</li>
 *   <li>An action failed: the attempt is recorded (RuleExecutionFailedEvent, visible in rule_triggers) and the
 *       event is dead-lettered (this processor's DLQ), where an operator inspects it and retries it with
 *       {@code POST /actuator/processors/rule-actions/dead-letters/retry}. The failed attempt is recorded on a
 *       separate thread, in its own transaction, because the handler's transaction is about to fail. A retry runs
 *       all the actions again; their side effects are keyed per execution and action, so what already happened is
 *       not repeated.</li>
 * </ul>
 */
@Component
@ProcessingGroup(RuleActionRunner.PROCESSING_GROUP)
@DisallowReplay
public class RuleActionRunner {
    public static final String PROCESSING_GROUP = "rule-actions";
    private static final Logger log = LoggerFactory.getLogger(RuleActionRunner.class);

    private final LiveActions actions;
    private final CommandGateway commands;
    private final ObjectMapper mapper;
    /** Records failed attempts outside the failing handler's unit of work and transaction. */
    private final ExecutorService failureRecorder = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "rule-action-failure-recorder");
        thread.setDaemon(true);
        return thread;
    });

    public RuleActionRunner(LiveActions actions, CommandGateway commands, ObjectMapper mapper) {
        this.actions = actions;
        this.commands = commands;
        this.mapper = mapper;
    }

    @EventHandler
    void on(RuleTriggeredEvent execution) {
        if (!execution.awaitsActions()) {
            return;
        }
        long started = System.nanoTime();
        List<ActionResult> results = actions.run(execution);
        long millis = (System.nanoTime() - started) / 1_000_000;
        ArrayNode json = LiveActions.toJson(results, mapper);
        boolean succeeded = results.stream().allMatch(ActionResult::success);
        RecordRuleActionResultsCommand record = new RecordRuleActionResultsCommand(execution.executionId(),
                execution.tenantId(), json, succeeded, millis);
        if (succeeded) {
            commands.sendAndWait(record);
            return;
        }
        recordOutsideThisTransaction(record);
        throw new RuleActionsFailed(execution, results);
    }

    private void recordOutsideThisTransaction(RecordRuleActionResultsCommand record) {
        try {
            CompletableFuture.runAsync(() -> commands.sendAndWait(record), failureRecorder).get();
        } catch (ExecutionException e) {
            log.warn("Could not record the failed attempt of rule execution {}", record.executionId(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Why an execution is in the dead-letter queue: the failed actions' messages (deadletterentry.causemessage). */
    public static class RuleActionsFailed extends RuntimeException {
        RuleActionsFailed(RuleTriggeredEvent execution, List<ActionResult> results) {
            super("rule " + execution.ruleId() + " execution " + execution.executionId() + ": " + describe(results));
        }

        private static String describe(List<ActionResult> results) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < results.size(); i++) {
                if (!results.get(i).success()) {
                    text.append(text.isEmpty() ? "" : "; ").append("action ").append(i).append(" failed: ")
                            .append(results.get(i).error());
                }
            }
            return text.toString();
        }
    }
}
