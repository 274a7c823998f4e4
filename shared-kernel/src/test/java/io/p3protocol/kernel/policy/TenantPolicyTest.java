package io.p3protocol.kernel.policy;

import io.p3protocol.kernel.errors.InvalidInput;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TenantPolicyTest {

    @Test
    void leftOutValuesTakeTheDefaultsAndASandboxRunsOnSepolia() {
        TenantPolicy policy = TenantPolicy.of(true, null, null, null, null, null, null, null);

        assertThat(policy).isEqualTo(new TenantPolicy(true, "sepolia", 1000, 100, List.of(), null, null, true));
    }

    @Test
    void chainAndFeatureNamesAreReadInAnyCase() {
        TenantPolicy policy = TenantPolicy.of(true, "Base-Sepolia", null, null, List.of("VAULT", "payments"), null,
                null, null);

        assertThat(policy.sandboxChain()).isEqualTo("base-sepolia");
        assertThat(policy.allowedFeatures()).containsExactly(Feature.VAULT, Feature.PAYMENTS);
    }

    @Test
    void aSandboxChainOutsideTheTestnetsIsRefusedNamingTheField() {
        assertThatThrownBy(() -> TenantPolicy.of(true, "ethereum", null, null, null, null, null, null))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.errors())
                        .extracting(InvalidInput.FieldError::field).containsExactly("sandboxChain"));
    }

    @Test
    void everyUnusableValueIsNamed() {
        assertThatThrownBy(() -> TenantPolicy.of(false, "mainnet", 0, 0, List.of("vault", "teleport"), "eu west",
                0, null))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.errors())
                        .extracting(InvalidInput.FieldError::field).containsExactly("sandboxChain", "rateLimitRpm",
                                "maxSessions", "allowedFeatures", "dataRegion", "retentionDays"));
    }

    @Test
    void anEmptyFeatureSetAllowsEveryFeatureAndANonEmptyOneOnlyItsOwn() {
        TenantPolicy open = TenantPolicy.DEFAULT;
        TenantPolicy limited = TenantPolicy.of(false, null, null, null, List.of("rules"), null, null, null);

        assertThat(List.of(Feature.values())).allMatch(open::allows);
        assertThat(limited.allows(Feature.RULES)).isTrue();
        assertThat(limited.allows(Feature.VAULT)).isFalse();
    }
}
