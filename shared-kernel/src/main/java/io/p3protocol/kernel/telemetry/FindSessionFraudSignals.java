package io.p3protocol.kernel.telemetry;

import java.time.Instant;

/**
 * A page of one tenant's sessions with their fraud signals, newest first (first seen descending, then session id);
 * answered with a {@link SessionFraudPage}.
 *
 * @param sessionId      only this session; null for all
 * @param hashedIp       only sessions seen from this hashed IP; null for all
 * @param hijackedOnly   only sessions whose User-Agent hash changed
 * @param afterFirstSeen keyset position: continue after ({@code afterFirstSeen}, {@code afterSessionId}); null to start
 */
public record FindSessionFraudSignals(String tenantId, String sessionId, String hashedIp, boolean hijackedOnly,
                                      Instant afterFirstSeen, String afterSessionId, int limit) {
}
