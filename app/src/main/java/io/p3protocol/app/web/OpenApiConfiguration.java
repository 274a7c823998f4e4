package io.p3protocol.app.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI 3 document at /v3/api-docs, with the two ways to present an API key. */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

    @Bean
    public OpenAPI p3OpenApi(ObjectProvider<BuildProperties> build) {
        BuildProperties props = build.getIfAvailable();
        return new OpenAPI()
                .info(new Info().title("P3 advanced systems — command API")
                        .version(props == null ? "dev" : props.getVersion())
                        .description("Every state change is a command that becomes events in an append-only "
                                + "PostgreSQL store. Reads go through GraphQL at /graphql. Errors are "
                                + "application/problem+json with a machine-readable `code`."))
                .components(new Components()
                        .addSecuritySchemes("apiKeyHeader", new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.HEADER).name("X-API-Key"))
                        .addSecuritySchemes("bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer")))
                .addSecurityItem(new SecurityRequirement().addList("apiKeyHeader"))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }
}
