package io.p3protocol.projection.telemetry;

import io.p3protocol.kernel.crypto.Sha256;
import io.p3protocol.kernel.telemetry.TelemetryRecordedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;

/**
 * Builds the fraud read models of telemetry ({@code telemetry_ip_minute}, {@code telemetry_ip_wallet_minute},
 * {@code telemetry_session}, {@code telemetry_session_ip}) in the replayable streaming processor
 * {@value #PROCESSING_GROUP}, sequenced by session (see {@link TelemetryFraudConfiguration}).
 * <p>
 * Built for volume: each event is checked and added to its batch's in-memory {@link FraudBatch}; just before the
 * processor's batch transaction commits, {@link FraudBatchWriter} writes the whole batch with one statement per
 * table, in the same transaction as the tracking token. An event that cannot be used fails on its own, before it
 * touches the batch, and is dead-lettered; the rest of the batch goes on. A failure of the batch write (the
 * database, not an event) rolls the whole batch back and the processor retries it.
 */
@Component
@ProcessingGroup(TelemetryFraudProjection.PROCESSING_GROUP)
public class TelemetryFraudProjection {
    public static final String PROCESSING_GROUP = "telemetry-fraud";
    private static final String BATCH = TelemetryFraudProjection.class.getName() + ".batch";

    private final FraudBatchWriter writer;
    private final JdbcTemplate jdbc;

    public TelemetryFraudProjection(FraudBatchWriter writer, JdbcTemplate jdbc) {
        this.writer = writer;
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(TelemetryRecordedEvent event, @Timestamp Instant receivedAt) {
        requireUsable(event);
        if (!CurrentUnitOfWork.isStarted()) {
            FraudBatch single = new FraudBatch();
            single.add(event, receivedAt);
            writer.write(single);
            return;
        }
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        batch.getOrComputeResource(BATCH, key -> {
            FraudBatch pending = new FraudBatch();
            batch.onPrepareCommit(u -> writer.write(pending));
            return pending;
        }).add(event, receivedAt);
    }

    @ResetHandler
    void onReset() {
        jdbc.update("TRUNCATE telemetry_ip_minute, telemetry_ip_wallet_minute, telemetry_session, telemetry_session_ip");
    }

    /** Refuses (so dead-letters) an event the read models cannot hold, before it joins the batch. */
    private static void requireUsable(TelemetryRecordedEvent event) {
        if (event.tenantId() == null || event.sessionId() == null || !Sha256.isHexDigest(event.hashedIp())
                || (event.uaHash() != null && !Sha256.isHexDigest(event.uaHash()))) {
            throw new IllegalArgumentException("telemetry event without tenant, session or well-formed hashes");
        }
    }
}
