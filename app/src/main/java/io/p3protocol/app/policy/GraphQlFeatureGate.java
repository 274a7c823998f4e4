package io.p3protocol.app.policy;

import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.schema.DataFetcher;
import io.p3protocol.command.policy.TenantPolicies;
import io.p3protocol.kernel.errors.AccessDenied;
import io.p3protocol.kernel.policy.Feature;
import io.p3protocol.kernel.policy.TenantPolicy;
import io.p3protocol.kernel.security.Caller;
import io.p3protocol.query.graphql.GraphQlCaller;
import org.springframework.stereotype.Component;

import java.util.Map;

/**
 * {@code allowedFeatures} for GraphQL: a root field of a feature outside the caller's tenant policy fails with a
 * FORBIDDEN error whose {@code code} is {@code feature_not_allowed}, like the REST route gate
 * ({@link FeatureRoutes}); the other fields of the same document still answer. The platform admin is never gated.
 * Over HTTP the policy is the one {@link TenantPolicyFilter} read for the request (in the GraphQL context); over a
 * WebSocket, which that filter does not see, it is read when a gated field runs.
 */
@Component
public class GraphQlFeatureGate extends SimplePerformantInstrumentation {
    /** The root fields (queries and subscriptions) that belong to a feature. */
    static final Map<String, Feature> ROOT_FIELDS = Map.ofEntries(
            Map.entry("secrets", Feature.VAULT), Map.entry("secret", Feature.VAULT),
            Map.entry("expiringSecrets", Feature.VAULT),
            Map.entry("telemetryIps", Feature.TELEMETRY), Map.entry("telemetryIp", Feature.TELEMETRY),
            Map.entry("telemetrySessions", Feature.TELEMETRY), Map.entry("telemetrySession", Feature.TELEMETRY),
            Map.entry("identityKeys", Feature.IDENTITY),
            Map.entry("rules", Feature.RULES), Map.entry("rule", Feature.RULES),
            Map.entry("ruleTriggers", Feature.RULES));

    private final TenantPolicies policies;

    public GraphQlFeatureGate(TenantPolicies policies) {
        this.policies = policies;
    }

    @Override
    public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> dataFetcher,
                                                InstrumentationFieldFetchParameters parameters,
                                                InstrumentationState state) {
        if (parameters.getExecutionStepInfo().getPath().getLevel() != 1) {
            return dataFetcher;
        }
        Feature feature = ROOT_FIELDS.get(parameters.getExecutionStepInfo().getFieldDefinition().getName());
        if (feature == null) {
            return dataFetcher;
        }
        return environment -> {
            Caller caller = environment.getGraphQlContext().get(GraphQlCaller.CONTEXT_KEY);
            if (caller != null && !caller.platformAdmin() && caller.tenantId() != null
                    && !policyOf(environment.getGraphQlContext().get(TenantPolicyFilter.POLICY_ATTRIBUTE), caller)
                    .allows(feature)) {
                throw new AccessDenied("feature_not_allowed",
                        "The tenant's policy does not allow the '" + feature.wireName() + "' feature.");
            }
            return dataFetcher.get(environment);
        };
    }

    private TenantPolicy policyOf(TenantPolicy readForThisRequest, Caller caller) {
        return readForThisRequest != null ? readForThisRequest : policies.of(caller.tenantId());
    }
}
