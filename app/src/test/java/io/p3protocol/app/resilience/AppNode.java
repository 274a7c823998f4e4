package io.p3protocol.app.resilience;

import io.p3protocol.app.P3Application;
import io.p3protocol.app.support.TestApi;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.List;

/**
 * One whole P3 service started the way {@code java -jar} starts it, on a random port, for tests that need
 * deployment shapes the shared {@code @IntegrationTest} context cannot give: restarts and several nodes.
 * Arguments are command-line properties, so they win over anything in the environment (e.g. P3_ADMIN_KEY).
 */
final class AppNode implements AutoCloseable {
    private final ConfigurableApplicationContext context;

    private AppNode(ConfigurableApplicationContext context) {
        this.context = context;
    }

    static AppNode start(String... properties) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--spring.datasource.hikari.maximum-pool-size=8"));
        for (String property : properties) {
            args.add("--" + property);
        }
        return new AppNode(new SpringApplicationBuilder(P3Application.class).run(args.toArray(String[]::new)));
    }

    int port() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    TestApi api() {
        return new TestApi(port());
    }

    JdbcTemplate jdbc() {
        return context.getBean(JdbcTemplate.class);
    }

    ConfigurableApplicationContext context() {
        return context;
    }

    boolean isRunning() {
        return context.isActive();
    }

    @Override
    public void close() {
        if (context.isActive()) {
            context.close();
        }
    }
}
