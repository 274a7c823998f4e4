package io.p3protocol.command.telemetry;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.p3protocol.kernel.errors.AccessDenied;
import io.p3protocol.kernel.errors.InvalidInput.FieldError;
import io.p3protocol.kernel.errors.ValidationError;
import io.p3protocol.kernel.security.Caller;
import io.p3protocol.kernel.security.Role;
import io.p3protocol.kernel.telemetry.PseudonymousTelemetry;
import io.p3protocol.kernel.telemetry.RecordTelemetryCommand;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * {@code POST /api/telemetry}: one event or a batch of up to 1000, for the caller's tenant. The client's IP and
 * User-Agent are hashed here, at the edge, so that the command, the stored events and every log only ever see
 * the hashes (see {@link TelemetryPseudonymizer}).
 */
@RestController
@Tag(name = "Telemetry", description = "Privacy-preserving client telemetry (IP and User-Agent stored only as keyed hashes)")
public class TelemetryController {
    private final CommandGateway commands;
    private final TelemetryPseudonymizer pseudonymizer;
    private final ObjectMapper json;
    private final Clock clock;

    public TelemetryController(CommandGateway commands, TelemetryPseudonymizer pseudonymizer, ObjectMapper json,
                               Clock clock) {
        this.commands = commands;
        this.pseudonymizer = pseudonymizer;
        this.json = json;
        this.clock = clock;
    }

    /** One stored event: its id and its session (the one given, or the UUID assigned). */
    public record StoredTelemetry(String id, String sessionId) {
    }

    /**
     * @param hashedIp  the hash the request's client address was stored under (in {@code hashEpoch})
     * @param uaHash    the hash of its User-Agent, null without one
     * @param hashEpoch the {@code IP_SALT} version used
     */
    public record TelemetryAccepted(int accepted, int hashEpoch, String hashedIp, String uaHash,
                                    List<StoredTelemetry> events) {
    }

    @PostMapping(path = "/api/telemetry", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Record telemetry: one event, or {\"events\": [...]} with up to 1000 (an operator key of the tenant)")
    public ResponseEntity<TelemetryAccepted> record(@Parameter(hidden = true) Caller caller,
                                                    @RequestBody byte[] body, HttpServletRequest request) {
        caller.requireRole(Role.OPERATOR);
        if (caller.tenantId() == null) {
            throw new AccessDenied("tenant_key_required",
                    "Telemetry belongs to a tenant: send it with one of the tenant's keys.");
        }
        Instant receivedAt = clock.instant();
        List<TelemetryBatchReader.ClientEvent> input = TelemetryBatchReader.read(parse(body), receivedAt);

        TelemetryPseudonymizer.Pseudonyms client = pseudonymizer.pseudonymize(caller.tenantId(),
                ClientAddress.of(request.getHeader("X-Forwarded-For"), request.getRemoteAddr()),
                request.getHeader(HttpHeaders.USER_AGENT));
        List<PseudonymousTelemetry> events = new ArrayList<>(input.size());
        for (TelemetryBatchReader.ClientEvent e : input) {
            boolean assigned = e.sessionId() == null;
            // a random id, never anything derived from the client's address or agent
            String sessionId = assigned ? UUID.randomUUID().toString() : e.sessionId();
            events.add(new PseudonymousTelemetry(e.eventType(), sessionId, assigned, client.hashedIp(),
                    client.uaHash(), client.hashEpoch(), e.wallet(), e.geoRegion(), e.device(),
                    e.ts() == null ? receivedAt : e.ts()));
        }
        List<String> ids = commands.sendAndWait(new RecordTelemetryCommand(caller.tenantId(), events));
        List<StoredTelemetry> stored = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            stored.add(new StoredTelemetry(ids.get(i), events.get(i).sessionId()));
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(new TelemetryAccepted(stored.size(),
                client.hashEpoch(), client.hashedIp(), client.uaHash(), stored));
    }

    private JsonNode parse(byte[] body) {
        try {
            JsonNode node = body.length == 0 ? null : json.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw new ValidationError(List.of(new FieldError("body", "is empty: send an event object")));
            }
            return node;
        } catch (JacksonException e) {
            throw new ValidationError(List.of(new FieldError("body", "is not valid JSON ("
                    + e.getOriginalMessage() + ")")));
        } catch (IOException e) {
            throw new ValidationError(List.of(new FieldError("body", "could not be read")));
        }
    }
}
