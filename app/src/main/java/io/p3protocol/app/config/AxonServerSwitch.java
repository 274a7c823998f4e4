package io.p3protocol.app.config;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.util.Map;

/**
 * The Axon Server connector is on the classpath but must stay off unless configured: with it on and no server,
 * there is no event store and the app reconnects forever. {@code P3_AXONSERVER_SERVERS=host:port} turns it on.
 */
public class AxonServerSwitch implements EnvironmentPostProcessor {
    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String servers = environment.getProperty("P3_AXONSERVER_SERVERS", "").trim();
        Map<String, Object> props = servers.isEmpty()
                ? Map.of("axon.axonserver.enabled", "false")
                : Map.of("axon.axonserver.enabled", "true", "axon.axonserver.servers", servers);
        environment.getPropertySources().addFirst(new MapPropertySource("p3-axonserver-switch", props));
    }
}
