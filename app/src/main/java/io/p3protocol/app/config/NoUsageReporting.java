package io.p3protocol.app.config;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Axon 4.12+ sends anonymous usage data to AxonIQ over the internet unless told not to. This service never phones
 * home: the opt-out is set before Axon starts, unless the operator decided otherwise through AxonIQ's own switches.
 */
public class NoUsageReporting implements EnvironmentPostProcessor {
    static final String AXON_OPT_OUT = "axoniq.update-checker.disabled";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (System.getenv("AXONIQ_UPDATE_CHECKER_DISABLED") == null && System.getProperty(AXON_OPT_OUT) == null) {
            System.setProperty(AXON_OPT_OUT, "true");
        }
    }
}
