package io.p3protocol.app.operations;

import io.p3protocol.app.web.Problems;
import io.p3protocol.kernel.errors.DomainRuleViolation;
import io.p3protocol.kernel.errors.UnknownAggregate;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code /actuator/processors}: the state of every streaming event processor, and the operator's actions on them.
 * <ul>
 *   <li>{@code GET /actuator/processors} and {@code GET /actuator/processors/{name}}</li>
 *   <li>{@code POST /actuator/processors/{name}/replay}: 202, the replay runs in the background</li>
 *   <li>{@code POST /actuator/processors/{name}/dead-letters/retry}: 200 with what is left in the queue</li>
 * </ul>
 * Only the platform-admin key reaches it (see ActuatorAccessFilter).
 */
@Component
@Endpoint(id = "processors")
public class ProcessorsEndpoint {
    private final ProcessorStatusReader reader;
    private final ProcessorOperations operations;

    public ProcessorsEndpoint(ProcessorStatusReader reader, ProcessorOperations operations) {
        this.reader = reader;
        this.operations = operations;
    }

    public record ProcessorsResponse(long headGlobalIndex, List<ProcessorReport> processors) {
    }

    @ReadOperation
    public ProcessorsResponse processors() {
        long head = reader.headGlobalIndex();
        return new ProcessorsResponse(head, reader.all(head));
    }

    @ReadOperation
    public WebEndpointResponse<Object> processor(@Selector String name) {
        return answer(HttpStatus.OK, () -> reader.one(name).orElseThrow(() ->
                new UnknownAggregate("processor_not_found", "no streaming event processor " + name)));
    }

    @WriteOperation
    public WebEndpointResponse<Object> act(@Selector String name, @Selector String action) {
        if (!"replay".equals(action)) {
            return problem(HttpStatus.NOT_FOUND, "not_found", "no processor action " + action);
        }
        return answer(HttpStatus.ACCEPTED, () -> {
            operations.replay(name);
            return Map.of("processor", name, "replay", "started",
                    "status", "/actuator/processors/" + name);
        });
    }

    @WriteOperation
    public WebEndpointResponse<Object> deadLetters(@Selector String name, @Selector String resource,
                                                   @Selector String action) {
        if (!"dead-letters".equals(resource) || !"retry".equals(action)) {
            return problem(HttpStatus.NOT_FOUND, "not_found", "no processor action " + resource + "/" + action);
        }
        return answer(HttpStatus.OK, () -> operations.retryDeadLetters(name));
    }

    private static WebEndpointResponse<Object> answer(HttpStatus status, Supplier<Object> action) {
        try {
            return new WebEndpointResponse<>(action.get(), status.value());
        } catch (UnknownAggregate e) {
            return problem(HttpStatus.NOT_FOUND, e.code(), e.getMessage());
        } catch (DomainRuleViolation e) {
            return problem(HttpStatus.CONFLICT, e.code(), e.getMessage());
        }
    }

    private static WebEndpointResponse<Object> problem(HttpStatus status, String code, String detail) {
        ProblemDetail problem = Problems.of(status, code, detail);
        return new WebEndpointResponse<>(problem, status.value(), MediaType.APPLICATION_PROBLEM_JSON);
    }
}
