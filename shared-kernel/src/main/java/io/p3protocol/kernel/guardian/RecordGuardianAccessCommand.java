package io.p3protocol.kernel.guardian;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The guardian key is about to read or change data of {@code targetTenantId} under grant {@code grantId}. The grant
 * refuses (403) unless it is active, unexpired, held by that key and covers that tenant; otherwise the access is
 * recorded before it happens and the handler answers the roles the guardian acts with.
 *
 * @param operation what is done, e.g. {@code GET /api/vault/secrets} or {@code POST /graphql}
 */
public record RecordGuardianAccessCommand(@TargetAggregateIdentifier String grantId, String guardianKeyId,
                                          String targetTenantId, String operation) {
}
