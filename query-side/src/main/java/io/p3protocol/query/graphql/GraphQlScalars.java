package io.p3protocol.query.graphql;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.IntValue;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import graphql.schema.GraphQLScalarType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;

import java.math.BigInteger;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** The schema's custom scalars: {@code DateTime} (an {@link Instant}) and {@code Long}. */
@Configuration(proxyBeanMethods = false)
public class GraphQlScalars {

    @Bean
    public RuntimeWiringConfigurer p3Scalars() {
        return wiring -> wiring.scalar(dateTime()).scalar(longScalar());
    }

    static GraphQLScalarType dateTime() {
        return GraphQLScalarType.newScalar().name("DateTime")
                .description("An instant in UTC, ISO-8601 with millisecond precision")
                .coercing(new Coercing<Instant, String>() {
                    @Override
                    public String serialize(Object value, GraphQLContext context, Locale locale) {
                        if (value instanceof Instant instant) {
                            // Always three fraction digits, so values sort as text and compare across clients.
                            Instant millis = instant.truncatedTo(ChronoUnit.MILLIS);
                            String text = millis.toString();
                            return millis.getNano() == 0 ? text.replace("Z", ".000Z") : text;
                        }
                        throw new CoercingSerializeException("not an Instant: " + value);
                    }

                    @Override
                    public Instant parseValue(Object input, GraphQLContext context, Locale locale) {
                        return parse(String.valueOf(input), CoercingParseValueException::new);
                    }

                    @Override
                    public Instant parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context,
                                                Locale locale) {
                        if (input instanceof StringValue string) {
                            return parse(string.getValue(), CoercingParseLiteralException::new);
                        }
                        throw new CoercingParseLiteralException("a DateTime is an ISO-8601 string");
                    }
                }).build();
    }

    static GraphQLScalarType longScalar() {
        return GraphQLScalarType.newScalar().name("Long")
                .description("A 64-bit integer")
                .coercing(new Coercing<Long, Long>() {
                    @Override
                    public Long serialize(Object value, GraphQLContext context, Locale locale) {
                        if (value instanceof Long || value instanceof Integer) {
                            return ((Number) value).longValue();
                        }
                        throw new CoercingSerializeException("not a Long: " + value);
                    }

                    @Override
                    public Long parseValue(Object input, GraphQLContext context, Locale locale) {
                        if (input instanceof Long || input instanceof Integer) {
                            return ((Number) input).longValue();
                        }
                        throw new CoercingParseValueException("a Long is an integer number, not " + input);
                    }

                    @Override
                    public Long parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context,
                                             Locale locale) {
                        if (input instanceof IntValue number) {
                            BigInteger value = number.getValue();
                            if (value.bitLength() < 64) {
                                return value.longValue();
                            }
                        }
                        throw new CoercingParseLiteralException("a Long is an integer within 64 bits");
                    }
                }).build();
    }

    private static <E extends RuntimeException> Instant parse(String text,
                                                             java.util.function.Function<String, E> error) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw error.apply("not an ISO-8601 instant: '" + text + "'");
        }
    }
}
