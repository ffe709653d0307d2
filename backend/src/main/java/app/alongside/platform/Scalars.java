package app.alongside.platform;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import graphql.schema.GraphQLScalarType;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.function.Function;

/** The {@code DateTime} (ISO-8601 with offset, as {@link Instant}) and {@code Date} ({@link LocalDate}) scalars. */
public final class Scalars {
    private Scalars() {
    }

    public static final GraphQLScalarType DATE_TIME = scalar("DateTime", "an ISO-8601 date and time with an offset",
            text -> OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant(),
            value -> switch (value) {
                case Instant instant -> DateTimeFormatter.ISO_INSTANT.format(instant);
                case OffsetDateTime odt -> DateTimeFormatter.ISO_INSTANT.format(odt.toInstant());
                case java.util.Date date -> DateTimeFormatter.ISO_INSTANT.format(date.toInstant());
                default -> null;
            });

    public static final GraphQLScalarType DATE = scalar("Date", "an ISO-8601 date, YYYY-MM-DD",
            LocalDate::parse,
            value -> switch (value) {
                case LocalDate date -> date.toString();
                case Instant instant -> instant.atOffset(ZoneOffset.UTC).toLocalDate().toString();
                default -> null;
            });

    private static GraphQLScalarType scalar(String name, String expected, Function<String, Object> parse,
                                            Function<Object, String> format) {
        Coercing<Object, String> coercing = new Coercing<>() {
            @Override
            public String serialize(Object value, GraphQLContext context, Locale locale) {
                String text = format.apply(value);
                if (text == null) {
                    throw new CoercingSerializeException(name + " cannot represent " + value.getClass().getSimpleName());
                }
                return text;
            }

            @Override
            public Object parseValue(Object input, GraphQLContext context, Locale locale) {
                if (input instanceof String text) {
                    try {
                        return parse.apply(text);
                    } catch (DateTimeParseException e) {
                        throw new CoercingParseValueException("Expected " + expected + ", got '" + text + "'.");
                    }
                }
                throw new CoercingParseValueException("Expected " + expected + " as a string.");
            }

            @Override
            public Object parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context,
                                       Locale locale) {
                if (input instanceof StringValue text) {
                    try {
                        return parse.apply(text.getValue());
                    } catch (DateTimeParseException e) {
                        throw new CoercingParseLiteralException("Expected " + expected + ", got '"
                                + text.getValue() + "'.");
                    }
                }
                throw new CoercingParseLiteralException("Expected " + expected + " as a string.");
            }
        };
        return GraphQLScalarType.newScalar().name(name).coercing(coercing).build();
    }
}
