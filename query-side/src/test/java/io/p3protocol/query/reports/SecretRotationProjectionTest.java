package io.p3protocol.query.reports;

import io.p3protocol.kernel.vault.SecretDestroyedEvent;
import io.p3protocol.kernel.vault.SecretRotatedEvent;
import io.p3protocol.kernel.vault.SecretStoredEvent;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The secret-rotation projection on its own, fed through the same Axon annotation support the replayer uses. */
class SecretRotationProjectionTest {
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private static final byte[] SEALED = new byte[28];

    private final SecretRotationReport report = new SecretRotationReport();

    private SecretRotationReport.Body run(Instant asOf, Object[][] events) throws Exception {
        ReportProjection projection = report.newProjection(new ReportRequest(null, asOf));
        AnnotationEventHandlerAdapter handlers = new AnnotationEventHandlerAdapter(projection);
        for (Object[] e : events) {
            handlers.handle(new GenericEventMessage<>(UUID.randomUUID().toString(), e[0],
                    Map.of("actor", "key:k1", "tenantId", "t1"), (Instant) e[1]));
        }
        return (SecretRotationReport.Body) projection.result();
    }

    private static SecretStoredEvent stored(String name) {
        return new SecretStoredEvent("t1", name, 1, SEALED, true, T0.plus(Duration.ofDays(90)));
    }

    private static Instant day(int n) {
        return T0.plus(Duration.ofDays(n));
    }

    @Test
    void aSecretOlderThanNinetyDaysAtAsOfIsInBreachSinceItsNinetiethDay() throws Exception {
        SecretRotationReport.Body body = run(day(91), new Object[][]{{stored("IP_SALT"), T0}});
        assertThat(body.inBreach()).isEqualTo(1);
        SecretRotationReport.SecretRotation row = body.rows().get(0);
        assertThat(row.breached()).isTrue();
        assertThat(row.ageDays()).isEqualTo(91);
        assertThat(row.breachedSince()).isEqualTo(day(90));
    }

    @Test
    void aSecretRotatedInTimeIsNotInBreachAndShowsItsLastRotation() throws Exception {
        SecretRotationReport.Body body = run(day(120), new Object[][]{
                {stored("IP_SALT"), T0},
                {new SecretRotatedEvent("t1", "IP_SALT", 2, SEALED, true, 1, day(150)), day(60)}});
        SecretRotationReport.SecretRotation row = body.rows().get(0);
        assertThat(row.breached()).isFalse();
        assertThat(row.lastRotatedAt()).isEqualTo(day(60));
        assertThat(row.rotationCount()).isEqualTo(1);
        assertThat(row.ageDays()).isEqualTo(60);
        assertThat(row.version()).isEqualTo(2);
    }

    @Test
    void asOfBeforeTheRotationReportsTheBreachThatTheLateRotationEnded() throws Exception {
        Object[][] history = {
                {stored("JWT_SECRET"), T0},
                {new SecretRotatedEvent("t1", "JWT_SECRET", 2, SEALED, true, 1, day(190)), day(100)}};
        // The replayer hands over only events stamped at or before asOf; here that is the first one.
        assertThat(run(day(95), new Object[][]{history[0]}).rows().get(0).breached()).isTrue();
        SecretRotationReport.SecretRotation after = run(day(101), history).rows().get(0);
        assertThat(after.breached()).isFalse();
        assertThat(after.longestIntervalDays()).isEqualTo(100);
    }

    @Test
    void aDestroyedSecretIsNeverInBreach() throws Exception {
        SecretRotationReport.Body body = run(day(200), new Object[][]{
                {stored("PINATA_JWT"), T0},
                {new SecretDestroyedEvent("t1", "PINATA_JWT", 1), day(10)}});
        SecretRotationReport.SecretRotation row = body.rows().get(0);
        assertThat(row.status()).isEqualTo("destroyed");
        assertThat(row.breached()).isFalse();
        assertThat(row.ageDays()).isNull();
        assertThat(row.longestIntervalDays()).isEqualTo(10);
    }
}
