package io.p3protocol.app.messaging;

import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.JdbcEventStorageEngineStatements;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.TimestampWriter;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

class BatchAppendStatementTest {
    record Payload(String name, int n) {
    }

    private final JacksonSerializer serializer = JacksonSerializer.defaultSerializer();

    @Test
    void bindsTheSameRowsAsAxonsDefaultAppendStatement() throws Exception {
        Instant t = Instant.parse("2026-11-24T04:00:00.123456789Z");
        MetaData shared = MetaData.from(Map.of("tenantId", "t-1", "actor", "key:k"));
        List<EventMessage<?>> events = List.of(
                event(new Payload("a", 1), shared, t),
                event(new Payload("b", 2), MetaData.from(Map.of("tenantId", "t-1", "actor", "key:k")), t.plusNanos(1000)),
                event(new Payload("c", 3), MetaData.from(Map.of("tenantId", "t-2")), t.plusMillis(1)),
                event(new Payload("d", 4), shared, t.plusMillis(1)),
                new GenericDomainEventMessage<>("Agg", "agg-1", 7L, new Payload("e", 5), shared, "id-e", t.plusSeconds(1)));

        TimestampWriter enginesWriter = (ps, i, ts) -> ps.setString(i, DateTimeUtils.formatInstant(ts));
        List<List<Object>> ours = rows(connection -> new BatchAppendStatement().build(connection, new EventSchema(),
                byte[].class, events, serializer, enginesWriter));
        List<List<Object>> axons = rows(connection -> JdbcEventStorageEngineStatements.appendEvents(connection,
                new EventSchema(), byte[].class, events, serializer, enginesWriter));

        assertThat(ours).hasSize(5).isEqualTo(axons);
    }

    private static EventMessage<?> event(Object payload, MetaData metaData, Instant at) {
        return new GenericEventMessage<>(UUID.randomUUID().toString(), payload, metaData, at);
    }

    interface StatementBuilder {
        PreparedStatement build(Connection connection) throws Exception;
    }

    /** The bound values of every row the builder adds (bytes as UTF-8 text, so rows compare by content). */
    private static List<List<Object>> rows(StatementBuilder builder) throws Exception {
        List<List<Object>> rows = new ArrayList<>();
        List<Object> current = new ArrayList<>();
        PreparedStatement statement = mock(PreparedStatement.class, invocation -> {
            switch (invocation.getMethod().getName()) {
                case "setString", "setLong", "setObject" -> {
                    Object value = invocation.getArgument(1);
                    current.add(value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : value);
                }
                case "addBatch" -> {
                    rows.add(List.copyOf(current.stream().map(v -> v == null ? "<null>" : v).toList()));
                    current.clear();
                }
                default -> {
                }
            }
            return null;
        });
        Connection connection = mock(Connection.class);
        when(connection.prepareStatement(anyString())).thenReturn(statement);
        builder.build(connection);
        return rows;
    }
}
