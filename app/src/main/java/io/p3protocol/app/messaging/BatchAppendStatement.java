package io.p3protocol.app.messaging;

import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.AppendEventsStatementBuilder;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.TimestampWriter;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * The event store's append statement: the same INSERT, columns and values as Axon's default
 * ({@code JdbcEventStorageEngineStatements.appendEvents}), built for batches whose events share their metadata and
 * their millisecond, as a telemetry batch of 1000 does (one command, so one tenant, actor, correlation and causation):
 * <ul>
 *   <li>metadata equal to the previous event's is not serialized again: the previous event's bytes are stored (the
 *       same entries; serializing an equal map again cost a Jackson pass per event);</li>
 *   <li>a timestamp in the same millisecond as the previous one reuses its text, which is the stored form
 *       (ISO-8601 UTC with exactly three fraction digits, as {@link DateTimeUtils#formatInstant} writes it, which is
 *       what the JDBC engine's timestamp writer does).</li>
 * </ul>
 * Payloads are serialized per event as before.
 */
final class BatchAppendStatement implements AppendEventsStatementBuilder {

    @Override
    public PreparedStatement build(Connection connection, EventSchema schema, Class<?> dataType,
                                   List<? extends EventMessage<?>> events, Serializer serializer,
                                   TimestampWriter timestampWriter) throws SQLException {
        String sql = "INSERT INTO " + schema.domainEventTable() + " (" + schema.domainEventFields() + ") "
                + "VALUES (?,?,?,?,?,?,?,?,?)";
        PreparedStatement statement = connection.prepareStatement(sql);
        MetaData previousMetaData = null;
        Object previousMetaDataBytes = null;
        long previousMillis = Long.MIN_VALUE;
        String previousTimestamp = null;
        for (EventMessage<?> eventMessage : events) {
            DomainEventMessage<?> event = asDomainEventMessage(eventMessage);
            SerializedObject<?> payload = event.serializePayload(serializer, dataType);
            if (previousMetaData == null || !previousMetaData.equals(event.getMetaData())) {
                previousMetaData = event.getMetaData();
                previousMetaDataBytes = event.serializeMetaData(serializer, dataType).getData();
            }
            long millis = event.getTimestamp().toEpochMilli();
            if (previousTimestamp == null || millis != previousMillis) {
                previousMillis = millis;
                previousTimestamp = DateTimeUtils.formatInstant(event.getTimestamp());
            }
            statement.setString(1, event.getIdentifier());
            statement.setString(2, event.getAggregateIdentifier());
            statement.setLong(3, event.getSequenceNumber());
            statement.setString(4, event.getType());
            statement.setString(5, previousTimestamp);
            statement.setString(6, payload.getType().getName());
            statement.setString(7, payload.getType().getRevision());
            statement.setObject(8, payload.getData());
            statement.setObject(9, previousMetaDataBytes);
            statement.addBatch();
        }
        return statement;
    }

    /** As Axon's default: an event without an aggregate is stored under its own id, sequence 0, no type. */
    private static DomainEventMessage<?> asDomainEventMessage(EventMessage<?> event) {
        return event instanceof DomainEventMessage<?> domain ? domain
                : new GenericDomainEventMessage<>(null, event.getIdentifier(), 0L, event, event::getTimestamp);
    }
}
