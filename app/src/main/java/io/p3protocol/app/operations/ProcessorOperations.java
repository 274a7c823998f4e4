package io.p3protocol.app.operations;

import io.p3protocol.kernel.errors.DomainRuleViolation;
import io.p3protocol.kernel.errors.UnknownAggregate;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** The two operator actions on a processor: replay it from the start, and retry its dead letters. */
@Component
public class ProcessorOperations {
    private static final Logger log = LoggerFactory.getLogger(ProcessorOperations.class);

    private final ProcessorStatusReader reader;
    private final EventProcessingConfiguration processing;

    public ProcessorOperations(ProcessorStatusReader reader, EventProcessingConfiguration processing) {
        this.reader = reader;
        this.processing = processing;
    }

    public record DeadLetterRetry(String processor, int sequencesProcessed, long sequencesRemaining,
                                  long lettersRemaining) {
    }

    /**
     * Rebuilds the processor's read models from the first event: stop, reset every segment's token to a replay
     * token (the handlers' {@code @ResetHandler}s clear their tables), start again. The dead-letter queue is kept.
     */
    public void replay(String name) {
        StreamingEventProcessor processor = reader.streamingProcessor(name).orElseThrow(() -> unknown(name));
        if (!processor.supportsReset()) {
            throw new DomainRuleViolation("replay_not_supported",
                    "processor " + name + " has handlers that do not support a replay");
        }
        log.info("Replay of processor {} requested: stopping it and resetting its tokens", name);
        processor.shutDown();
        try {
            processor.resetTokens();
        } catch (RuntimeException e) {
            // Typically another node still claims a segment: it must release it (stop there too) first.
            throw new DomainRuleViolation("replay_refused", "processor " + name + " could not be reset: "
                    + e.getMessage());
        } finally {
            processor.start();
        }
    }

    /**
     * Hands every dead-lettered sequence to the processor's handlers once more, oldest first. A sequence that fails
     * again stays in the queue (with its retry count raised); the others leave it.
     */
    public DeadLetterRetry retryDeadLetters(String name) {
        reader.streamingProcessor(name).orElseThrow(() -> unknown(name));
        SequencedDeadLetterQueue<EventMessage<?>> queue = processing.deadLetterQueue(name)
                .orElseThrow(() -> noQueue(name));
        SequencedDeadLetterProcessor<EventMessage<?>> letters = processing.sequencedDeadLetterProcessor(name)
                .orElseThrow(() -> noQueue(name));
        long sequences = queue.amountOfSequences();
        int processed = 0;
        // Bounded by the sequences present now: a sequence failing again is not retried in a loop.
        for (long i = 0; i < sequences; i++) {
            if (letters.processAny()) {
                processed++;
            }
        }
        log.info("Dead-letter retry of processor {}: {} of {} sequences processed", name, processed, sequences);
        return new DeadLetterRetry(name, processed, queue.amountOfSequences(), queue.size());
    }

    private static UnknownAggregate unknown(String name) {
        return new UnknownAggregate("processor_not_found", "no streaming event processor " + name);
    }

    private static DomainRuleViolation noQueue(String name) {
        return new DomainRuleViolation("dead_letter_queue_disabled",
                "processor " + name + " has no dead-letter queue (axon.eventhandling.processors." + name
                        + ".dlq.enabled)");
    }
}
