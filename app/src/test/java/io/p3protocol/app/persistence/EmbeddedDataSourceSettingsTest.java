package io.p3protocol.app.persistence;

import com.zaxxer.hikari.HikariDataSource;
import io.p3protocol.app.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The embedded default's pool takes the {@code spring.datasource.hikari.*} settings of application.yml too. */
@IntegrationTest
class EmbeddedDataSourceSettingsTest {
    @Autowired
    DataSource dataSource;

    @Test
    void theEmbeddedPoolSendsJdbcBatchesOfInsertsAsMultiRowInserts() {
        HikariDataSource pool = (HikariDataSource) dataSource;

        assertThat(pool.getPoolName()).isEqualTo("p3-embedded");
        assertThat(pool.getDataSourceProperties().getProperty("reWriteBatchedInserts")).isEqualTo("true");
        assertThat(pool.getMaximumPoolSize()).isEqualTo(20);
    }
}
