package io.p3protocol.command.plugins;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.p3protocol.kernel.plugins.RecordPluginEmissionCommand;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

/**
 * Plugin {@value #ID}: records each emission as a {@code PluginEventEmittedEvent} in the event store, so what rules
 * emit becomes part of the tenant's audited history (and is exported, sealed and replayable like any other event).
 * Idempotent: the emission id is the aggregate id, and a second emission under it records nothing.
 */
@Component
public class JournalPlugin implements RulePlugin {
    public static final String ID = "journal";

    private final CommandGateway commands;

    public JournalPlugin(CommandGateway commands) {
        this.commands = commands;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public PluginResult emit(PluginEmit emission) {
        Boolean recorded = commands.sendAndWait(new RecordPluginEmissionCommand(emission.emissionId(),
                emission.tenantId(), ID, emission.type(), emission.payload(), emission.timestamp(), emission.source()));
        ObjectNode result = JsonNodeFactory.instance.objectNode()
                .put("emissionId", emission.emissionId())
                .put("type", emission.type())
                .put("source", emission.source())
                .put("alreadyRecorded", !Boolean.TRUE.equals(recorded));
        return PluginResult.ok(result);
    }
}
