package io.p3protocol.app.policy;

import io.p3protocol.app.web.CorrelationFilter;
import io.p3protocol.kernel.apikeys.RecordQuotaExhaustedCommand;
import io.p3protocol.kernel.messaging.MetadataKeys;
import io.p3protocol.kernel.security.Caller;
import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.Map;

/**
 * Tells the key's aggregate that it used up its quota, when the metering counted the quota's last request (once per
 * key and month, since the counter is exact). The request is served whatever happens here: a failure to record is
 * logged, not turned into an error for the client. The filter runs outside Spring MVC's request context, so the
 * caller, request and correlation ids are put on the command here.
 */
@Component
public class QuotaExhaustionRecorder {
    private static final Logger log = LoggerFactory.getLogger(QuotaExhaustionRecorder.class);

    private final CommandGateway commands;

    public QuotaExhaustionRecorder(CommandGateway commands) {
        this.commands = commands;
    }

    public void record(HttpServletRequest request, Caller caller, RequestMeter.Decision decision) {
        Map<String, Object> metadata = new HashMap<>();
        metadata.put(MetadataKeys.ACTOR, caller.actor());
        putIfPresent(metadata, MetadataKeys.REQUEST_ID, request.getAttribute(CorrelationFilter.REQUEST_ID_ATTRIBUTE));
        putIfPresent(metadata, MetadataKeys.CORRELATION_ID,
                request.getAttribute(CorrelationFilter.CORRELATION_ID_ATTRIBUTE));
        RecordQuotaExhaustedCommand command = new RecordQuotaExhaustedCommand(caller.keyId(), caller.tenantId(),
                decision.month(), decision.quotaMonthly());
        try {
            commands.send(GenericCommandMessage.asCommandMessage(command).andMetaData(metadata))
                    .exceptionally(failure -> {
                        log.error("Could not record that key {} used up its quota for {}", caller.keyId(),
                                decision.month(), failure);
                        return null;
                    });
        } catch (RuntimeException e) {
            log.error("Could not record that key {} used up its quota for {}", caller.keyId(), decision.month(), e);
        }
    }

    private static void putIfPresent(Map<String, Object> metadata, String key, Object value) {
        if (value != null) {
            metadata.put(key, value.toString());
        }
    }
}
