package io.p3protocol.app.cluster;

import com.zaxxer.hikari.HikariDataSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.TokenStoreProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Several nodes may run on one PostgreSQL (see docs/deployment.md). Each gets a unique {@link NodeName}, claims
 * processor segments under it, names its database sessions after it, and takes a fair share of each pooled
 * processor's segments.
 */
@Configuration(proxyBeanMethods = false)
public class ClusterConfiguration {
    private static final Logger log = LoggerFactory.getLogger(ClusterConfiguration.class);

    @Bean
    public NodeName nodeName(@Value("${p3.node-name:}") String configured) {
        NodeName name = NodeName.configuredOrGenerated(configured);
        log.info("Node name {} (owner of this node's processor segment claims)", name);
        return name;
    }

    /** Axon's JDBC token store as its auto-configuration builds it, but claiming under this node's name. */
    @Bean
    public TokenStore tokenStore(ConnectionProvider connectionProvider, Serializer serializer,
                                 TokenStoreProperties properties, NodeName nodeName) {
        return JdbcTokenStore.builder()
                .connectionProvider(connectionProvider)
                .schema(new TokenSchema())
                .serializer(serializer)
                .claimTimeout(properties.getClaimTimeout())
                .nodeId(nodeName.value())
                .build();
    }

    /** Names this node's database sessions, so the other nodes can count it as live. */
    @Bean
    public static BeanPostProcessor databaseSessionsNamedAfterNode(ObjectProvider<NodeName> nodeName) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof HikariDataSource pool) {
                    pool.addDataSourceProperty("ApplicationName", nodeName.getObject().databaseApplicationName());
                }
                return bean;
            }
        };
    }

    @Bean
    public FairSegmentShare fairSegmentShare(JdbcTemplate jdbc) {
        return new FairSegmentShare(jdbc);
    }

    @Bean
    public ConfigurerModule fairSegmentShareForPooledProcessors(FairSegmentShare share) {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerPooledStreamingEventProcessorConfiguration(
                        (config, builder) -> builder.maxSegmentProvider(share)));
    }
}
