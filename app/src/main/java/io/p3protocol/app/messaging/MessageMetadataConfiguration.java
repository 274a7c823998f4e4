package io.p3protocol.app.messaging;

import io.p3protocol.app.web.CorrelationFilter;
import io.p3protocol.kernel.messaging.MetadataKeys;
import io.p3protocol.kernel.messaging.TenantScoped;
import io.p3protocol.kernel.security.Caller;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Stamps who, for whom and why onto every message. A command dispatched while serving an HTTP request gets the
 * caller as {@code actor}, the request and correlation ids, and the tenant it concerns; every event a handler
 * then applies inherits them, plus {@code causationId} = the id of the message that caused it.
 */
@Configuration(proxyBeanMethods = false)
public class MessageMetadataConfiguration {
    static final String SYSTEM_ACTOR = "system";

    @Bean
    public CorrelationDataProvider p3CorrelationData() {
        return message -> {
            Map<String, Object> data = new HashMap<>();
            for (String key : List.of(MetadataKeys.TENANT_ID, MetadataKeys.ACTOR, MetadataKeys.REQUEST_ID)) {
                Object value = message.getMetaData().get(key);
                if (value != null) {
                    data.put(key, value);
                }
            }
            data.put(MetadataKeys.CORRELATION_ID,
                    message.getMetaData().getOrDefault(MetadataKeys.CORRELATION_ID, message.getIdentifier()));
            data.put(MetadataKeys.CAUSATION_ID, message.getIdentifier());
            return data;
        };
    }

    @Bean
    public RequestMetadataInterceptor requestMetadataInterceptor(CommandBus commandBus) {
        RequestMetadataInterceptor interceptor = new RequestMetadataInterceptor();
        commandBus.registerDispatchInterceptor(interceptor);
        return interceptor;
    }

    /**
     * An event's {@code tenantId} metadata is the tenant the event is about, as its payload says. The command's
     * metadata names the caller's tenant, which is absent when the platform admin acts (e.g. revokes a key).
     */
    @Bean
    public MessageDispatchInterceptor<EventMessage<?>> eventTenantInterceptor(EventBus eventBus) {
        MessageDispatchInterceptor<EventMessage<?>> interceptor = messages -> (index, event) ->
                event.getPayload() instanceof TenantScoped scoped && scoped.tenantId() != null
                        && !scoped.tenantId().equals(event.getMetaData().get(MetadataKeys.TENANT_ID))
                        ? event.andMetaData(Map.of(MetadataKeys.TENANT_ID, scoped.tenantId()))
                        : event;
        eventBus.registerDispatchInterceptor(interceptor);
        return interceptor;
    }

    /** Adds request-derived metadata to commands; values already present (e.g. from a saga) are kept. */
    public static class RequestMetadataInterceptor implements MessageDispatchInterceptor<CommandMessage<?>> {
        @Override
        public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(
                List<? extends CommandMessage<?>> messages) {
            return (index, command) -> {
                Map<String, Object> added = new HashMap<>();
                RequestAttributes request = RequestContextHolder.getRequestAttributes();
                if (request != null) {
                    ofRequest(name -> request.getAttribute(name, RequestAttributes.SCOPE_REQUEST))
                            .forEach((key, value) -> putIfAbsent(command, added, key, value));
                } else {
                    putIfAbsent(command, added, MetadataKeys.ACTOR, SYSTEM_ACTOR);
                }
                if (command.getPayload() instanceof TenantScoped scoped) {
                    putIfAbsent(command, added, MetadataKeys.TENANT_ID, scoped.tenantId());
                }
                return added.isEmpty() ? command : command.andMetaData(added);
            };
        }

        /**
         * The metadata an HTTP request gives a command: the caller as {@code actor} ({@code system} when none), the
         * request id and the correlation id, read from the request's attributes. Also for code that dispatches
         * before Spring's request context exists (a servlet filter).
         */
        public static Map<String, Object> ofRequest(Function<String, Object> requestAttribute) {
            Map<String, Object> metadata = new HashMap<>();
            metadata.put(MetadataKeys.ACTOR, requestAttribute.apply(Caller.REQUEST_ATTRIBUTE) instanceof Caller c
                    ? c.actor() : SYSTEM_ACTOR);
            for (Map.Entry<String, String> id : Map.of(MetadataKeys.REQUEST_ID, CorrelationFilter.REQUEST_ID_ATTRIBUTE,
                    MetadataKeys.CORRELATION_ID, CorrelationFilter.CORRELATION_ID_ATTRIBUTE).entrySet()) {
                Object value = requestAttribute.apply(id.getValue());
                if (value != null) {
                    metadata.put(id.getKey(), value.toString());
                }
            }
            return metadata;
        }

        private static void putIfAbsent(Message<?> message, Map<String, Object> added, String key, Object value) {
            if (value != null && !message.getMetaData().containsKey(key)) {
                added.put(key, value.toString());
            }
        }
    }
}
