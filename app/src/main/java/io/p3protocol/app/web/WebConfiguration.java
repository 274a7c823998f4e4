package io.p3protocol.app.web;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import org.apache.catalina.core.StandardHost;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.function.support.RouterFunctionMapping;

import java.util.List;

@Configuration(proxyBeanMethods = false)
public class WebConfiguration implements WebMvcConfigurer {
    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new CallerArgumentResolver());
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new UnacceptableAnswerGuard());
    }

    /**
     * Request bodies are strict: an unknown field, a JSON value of the wrong type ({@code true} or {@code 12} where
     * text is expected, {@code "12"} where a number is), trailing content after the JSON value, or text with
     * control characters is a 400, not silently coerced or dropped. Only the HTTP converter gets the strict mapper;
     * the shared one (used by Axon for events) stays lenient so old events keep deserializing.
     */
    @Override
    public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
        for (HttpMessageConverter<?> converter : converters) {
            if (converter instanceof MappingJackson2HttpMessageConverter jackson) {
                ObjectMapper strict = jackson.getObjectMapper().copy()
                        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                        .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                        .registerModule(new SimpleModule("p3-request-text")
                                .addDeserializer(String.class, new RequestTextDeserializer()));
                strict.coercionConfigFor(LogicalType.Textual)
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
                for (LogicalType scalar : List.of(LogicalType.Integer, LogicalType.Float, LogicalType.Boolean)) {
                    strict.coercionConfigFor(scalar).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
                }
                strict.coercionConfigFor(LogicalType.Boolean)
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
                jackson.setObjectMapper(strict);
            }
        }
    }

    /**
     * The functional routes (Spring GraphQL's {@code /graphql}) are looked up after the annotated controllers, not
     * before (Spring's default, order -1). Before, every REST request first had a {@code ServerRequest} built and its
     * headers copied for the GraphQL predicates to refuse it: about 3 % of a command's request thread in a profile.
     * No annotated mapping claims {@code /graphql}, so a GraphQL request still reaches its route, after one miss.
     */
    @Bean
    public static BeanPostProcessor functionalRoutesAfterControllers() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof RouterFunctionMapping routes) {
                    routes.setOrder(1); // after RequestMappingHandlerMapping (0), before BeanNameUrlHandlerMapping (2)
                }
                return bean;
            }
        };
    }

    /** Requests Tomcat refuses before the application sees them get problem+json answers too. */
    @Bean
    public WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemJsonForContainerErrors() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ProblemJsonErrorReportValve.class.getName());
            }
        });
    }
}
