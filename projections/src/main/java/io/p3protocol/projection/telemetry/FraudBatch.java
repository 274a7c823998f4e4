package io.p3protocol.projection.telemetry;

import io.p3protocol.kernel.telemetry.TelemetryRecordedEvent;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What one processor batch of telemetry adds to the fraud read models, aggregated in memory so that each table
 * gets one statement per batch instead of one per event. Keys are kept sorted: two segments writing the same IP's
 * rows then lock them in the same order and cannot deadlock.
 * <p>
 * A session's events all reach the same segment in store order (the processor's sequencing policy is by session),
 * so the User-Agent changes counted here, and joined to the stored session row by {@link FraudBatchWriter}, are
 * in order.
 */
final class FraudBatch {
    /** Separates key parts; none of the parts (ids, hex hashes, wallets) can contain it. */
    static final char SEP = '\u0001';

    /** Events per (tenant, hashed IP, minute), with the hash epoch. */
    final Map<String, long[]> ipMinutes = new TreeMap<>();
    /** (tenant, hashed IP, minute, wallet) seen. */
    final Set<String> ipWalletMinutes = new TreeSet<>();
    final Map<String, SessionDelta> sessions = new TreeMap<>();
    /** First and last receive time (epoch ms) per (tenant, session, hashed IP). */
    final Map<String, long[]> sessionIps = new TreeMap<>();

    /** A session's part of the batch. UA hashes are compared only within one hash epoch. */
    static final class SessionDelta {
        final String tenantId;
        final String sessionId;
        long firstSeen = Long.MAX_VALUE;
        long lastSeen = Long.MIN_VALUE;
        long events;
        String firstUaHash;
        int firstUaEpoch;
        String lastUaHash;
        int lastUaEpoch;
        int uaChanges;

        SessionDelta(String tenantId, String sessionId) {
            this.tenantId = tenantId;
            this.sessionId = sessionId;
        }

        void add(String uaHash, int epoch, long at) {
            firstSeen = Math.min(firstSeen, at);
            lastSeen = Math.max(lastSeen, at);
            events++;
            if (uaHash == null) {
                return;
            }
            if (lastUaHash == null) {
                firstUaHash = uaHash;
                firstUaEpoch = epoch;
            } else if (lastUaEpoch == epoch && !lastUaHash.equals(uaHash)) {
                uaChanges++;
            }
            lastUaHash = uaHash;
            lastUaEpoch = epoch;
        }
    }

    boolean isEmpty() {
        return sessions.isEmpty();
    }

    void add(TelemetryRecordedEvent event, Instant receivedAt) {
        String tenant = event.tenantId();
        String ip = event.hashedIp();
        long at = receivedAt.toEpochMilli();
        long minute = receivedAt.truncatedTo(ChronoUnit.MINUTES).toEpochMilli();
        long[] perMinute = ipMinutes.computeIfAbsent(key(tenant, ip, Long.toString(minute)),
                k -> new long[]{event.hashEpoch(), 0});
        perMinute[1]++;
        if (event.wallet() != null) {
            ipWalletMinutes.add(key(tenant, ip, Long.toString(minute), event.wallet()));
        }
        sessions.computeIfAbsent(key(tenant, event.sessionId()), k -> new SessionDelta(tenant, event.sessionId()))
                .add(event.uaHash(), event.hashEpoch(), at);
        long[] seen = sessionIps.computeIfAbsent(key(tenant, event.sessionId(), ip),
                k -> new long[]{Long.MAX_VALUE, Long.MIN_VALUE});
        seen[0] = Math.min(seen[0], at);
        seen[1] = Math.max(seen[1], at);
    }

    static String key(String... parts) {
        return String.join(String.valueOf(SEP), parts);
    }

    static String[] parts(String key) {
        return key.split(String.valueOf(SEP), -1);
    }
}
