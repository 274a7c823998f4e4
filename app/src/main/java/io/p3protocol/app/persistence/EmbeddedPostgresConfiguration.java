package io.p3protocol.app.persistence;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The embedded default: with no {@code P3_DB_URL}, the service runs its own PostgreSQL whose files live under
 * {@code P3_DATA_DIR/postgres}, so events, read models and keys survive restarts. Set {@code P3_DB_URL} to use an
 * external PostgreSQL instead; then this configuration is inactive and Spring's own DataSource takes over.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${p3.db.url:}'.isBlank()")
public class EmbeddedPostgresConfiguration {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresConfiguration.class);

    @Bean(destroyMethod = "close")
    public EmbeddedPostgres embeddedPostgres(@Value("${p3.data-dir}") Path dataDir,
                                             @Value("${p3.embedded-db.port:0}") int port) throws IOException {
        Path pgData = dataDir.toAbsolutePath().resolve("postgres");
        Files.createDirectories(pgData);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(pgData)
                .setCleanDataDirectory(false)
                .setPGStartupWait(Duration.ofSeconds(60))
                // Stopped by this context (destroyMethod), after every bean that uses it, not by zonky's own JVM
                // shutdown hook: that one ran alongside Spring's, stopped the database under the processors' last
                // batches and the usage counts' last flush, and left their writes waiting for a connection (30 s).
                .setRegisterShutdownHook(false)
                // Durability stays on: an acknowledged command is a committed, flushed transaction.
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("fsync", "on")
                .setServerConfig("max_connections", "100");
        if (port > 0) {
            builder.setPort(port);
        }
        EmbeddedPostgres postgres = builder.start();
        log.info("Embedded PostgreSQL on 127.0.0.1:{} with data in {}", postgres.getPort(), pgData);
        return postgres;
    }

    /** The pool takes the same {@code spring.datasource.hikari.*} settings as Spring's own pool for an external URL. */
    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    public DataSource dataSource(EmbeddedPostgres postgres) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        dataSource.setUsername("postgres");
        dataSource.setPoolName("p3-embedded");
        return dataSource;
    }
}
