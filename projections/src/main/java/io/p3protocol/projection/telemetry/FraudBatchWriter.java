package io.p3protocol.projection.telemetry;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Map;

/**
 * Writes a {@link FraudBatch}: one statement per table, every row of the batch passed as parallel arrays and
 * expanded with {@code unnest}, so a batch costs four round trips whatever its size. Counters add up and
 * first/last times widen, so the order in which two segments' batches commit does not matter; a session's rows are
 * only ever written by the one segment its events belong to.
 */
@Component
class FraudBatchWriter {
    private final JdbcTemplate jdbc;

    FraudBatchWriter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Rows only this segment writes (a session's) go first; rows per IP, which two segments can be updating at once
     * when the processor is split (one IP's events span many sessions), go last, so their row locks are held only
     * until the commit right after. Written first, they made the other segment wait through this batch's remaining
     * statements.
     */
    void write(FraudBatch batch) {
        if (batch.isEmpty()) {
            return;
        }
        writeSessions(batch);
        writeSessionIps(batch.sessionIps);
        writeIpWallets(batch);
        writeIpMinutes(batch.ipMinutes);
    }

    private void writeIpMinutes(Map<String, long[]> rows) {
        int n = rows.size();
        String[] tenants = new String[n];
        String[] ips = new String[n];
        long[] minutes = new long[n];
        int[] epochs = new int[n];
        long[] events = new long[n];
        int i = 0;
        for (Map.Entry<String, long[]> row : rows.entrySet()) {
            String[] key = FraudBatch.parts(row.getKey());
            tenants[i] = key[0];
            ips[i] = key[1];
            minutes[i] = Long.parseLong(key[2]);
            epochs[i] = (int) row.getValue()[0];
            events[i] = row.getValue()[1];
            i++;
        }
        jdbc.update("""
                INSERT INTO telemetry_ip_minute AS m (tenant_id, hashed_ip, minute, hash_epoch, events)
                SELECT u.t, u.ip, to_timestamp(u.m / 1000.0), u.e, u.n
                FROM unnest(?::text[], ?::text[], ?::bigint[], ?::int[], ?::bigint[]) AS u(t, ip, m, e, n)
                ON CONFLICT (tenant_id, hashed_ip, minute) DO UPDATE SET events = m.events + EXCLUDED.events""",
                tenants, ips, minutes, epochs, events);
    }

    private void writeIpWallets(FraudBatch batch) {
        int n = batch.ipWalletMinutes.size();
        if (n == 0) {
            return;
        }
        String[] tenants = new String[n];
        String[] ips = new String[n];
        long[] minutes = new long[n];
        String[] wallets = new String[n];
        int i = 0;
        for (String row : batch.ipWalletMinutes) {
            String[] key = FraudBatch.parts(row);
            tenants[i] = key[0];
            ips[i] = key[1];
            minutes[i] = Long.parseLong(key[2]);
            wallets[i] = key[3];
            i++;
        }
        jdbc.update("""
                INSERT INTO telemetry_ip_wallet_minute (tenant_id, hashed_ip, minute, wallet)
                SELECT u.t, u.ip, to_timestamp(u.m / 1000.0), u.w
                FROM unnest(?::text[], ?::text[], ?::bigint[], ?::text[]) AS u(t, ip, m, w)
                ON CONFLICT DO NOTHING""", tenants, ips, minutes, wallets);
    }

    /**
     * Existing sessions are updated (a change is also counted between the stored last UA hash and the batch's
     * first one, when both are of one epoch) and new ones inserted, in one statement.
     */
    private void writeSessions(FraudBatch batch) {
        int n = batch.sessions.size();
        String[] tenants = new String[n];
        String[] sessionIds = new String[n];
        long[] first = new long[n];
        long[] last = new long[n];
        long[] events = new long[n];
        String[] firstUa = new String[n];
        Integer[] firstUaEpoch = new Integer[n];
        String[] lastUa = new String[n];
        Integer[] lastUaEpoch = new Integer[n];
        int[] changes = new int[n];
        int i = 0;
        for (FraudBatch.SessionDelta s : batch.sessions.values()) {
            tenants[i] = s.tenantId;
            sessionIds[i] = s.sessionId;
            first[i] = s.firstSeen;
            last[i] = s.lastSeen;
            events[i] = s.events;
            firstUa[i] = s.firstUaHash;
            firstUaEpoch[i] = s.firstUaHash == null ? null : s.firstUaEpoch;
            lastUa[i] = s.lastUaHash;
            lastUaEpoch[i] = s.lastUaHash == null ? null : s.lastUaEpoch;
            changes[i] = s.uaChanges;
            i++;
        }
        jdbc.update("""
                WITH u AS (
                    SELECT * FROM unnest(?::text[], ?::text[], ?::bigint[], ?::bigint[], ?::bigint[], ?::text[],
                                         ?::int[], ?::text[], ?::int[], ?::int[])
                             AS u(t, sid, f, l, n, fua, fuae, lua, luae, ch)),
                updated AS (
                    UPDATE telemetry_session s SET
                        first_seen = LEAST(s.first_seen, to_timestamp(u.f / 1000.0)),
                        last_seen = GREATEST(s.last_seen, to_timestamp(u.l / 1000.0)),
                        events = s.events + u.n,
                        ua_changes = s.ua_changes + u.ch
                            + CASE WHEN u.fua IS NOT NULL AND s.last_ua_hash IS NOT NULL
                                        AND s.last_ua_epoch = u.fuae AND s.last_ua_hash <> u.fua THEN 1 ELSE 0 END,
                        last_ua_hash = COALESCE(u.lua, s.last_ua_hash),
                        last_ua_epoch = COALESCE(u.luae, s.last_ua_epoch)
                    FROM u WHERE s.tenant_id = u.t AND s.session_id = u.sid
                    RETURNING s.tenant_id, s.session_id)
                INSERT INTO telemetry_session (tenant_id, session_id, first_seen, last_seen, events, last_ua_hash,
                                               last_ua_epoch, ua_changes)
                SELECT u.t, u.sid, to_timestamp(u.f / 1000.0), to_timestamp(u.l / 1000.0), u.n, u.lua, u.luae, u.ch
                FROM u WHERE NOT EXISTS (SELECT 1 FROM updated d WHERE d.tenant_id = u.t AND d.session_id = u.sid)""",
                tenants, sessionIds, first, last, events, firstUa, firstUaEpoch, lastUa, lastUaEpoch, changes);
    }

    private void writeSessionIps(Map<String, long[]> rows) {
        int n = rows.size();
        String[] tenants = new String[n];
        String[] sessionIds = new String[n];
        String[] ips = new String[n];
        long[] first = new long[n];
        long[] last = new long[n];
        int i = 0;
        for (Map.Entry<String, long[]> row : rows.entrySet()) {
            String[] key = FraudBatch.parts(row.getKey());
            tenants[i] = key[0];
            sessionIds[i] = key[1];
            ips[i] = key[2];
            first[i] = row.getValue()[0];
            last[i] = row.getValue()[1];
            i++;
        }
        jdbc.update("""
                INSERT INTO telemetry_session_ip AS x (tenant_id, session_id, hashed_ip, first_seen, last_seen)
                SELECT u.t, u.sid, u.ip, to_timestamp(u.f / 1000.0), to_timestamp(u.l / 1000.0)
                FROM unnest(?::text[], ?::text[], ?::text[], ?::bigint[], ?::bigint[]) AS u(t, sid, ip, f, l)
                ON CONFLICT (tenant_id, session_id, hashed_ip) DO UPDATE SET
                    first_seen = LEAST(x.first_seen, EXCLUDED.first_seen),
                    last_seen = GREATEST(x.last_seen, EXCLUDED.last_seen)""",
                tenants, sessionIds, ips, first, last);
    }
}
