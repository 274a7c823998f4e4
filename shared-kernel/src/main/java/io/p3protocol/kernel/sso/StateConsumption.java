package io.p3protocol.kernel.sso;

/** The answer to {@link ConsumeSsoLoginStateCommand}. {@code tenantId}, {@code providerId}, {@code nonceHash} are set when {@code accepted}. */
public record StateConsumption(SsoRejectionReason refusal, String tenantId, String providerId, String nonceHash) {
    public boolean accepted() {
        return refusal == null;
    }
}
