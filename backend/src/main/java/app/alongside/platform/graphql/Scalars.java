package app.alongside.platform.graphql;

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

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.Function;

/**
 * The {@code DateTime} (ISO-8601 with offset, as {@link Instant}) and {@code Date} ({@link LocalDate}) scalars, and
 * a strict {@code ID}. Dates and times are refused outside {@link #EARLIEST} to {@link #LATEST}: no real date lies
 * beyond, and the store's dates (milliseconds since 1970 in a {@code long}) overflow far beyond.
 */
public final class Scalars {
    public static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);
    public static final LocalDate LATEST = LocalDate.of(2199, 12, 31);
    private static final int MAX_ID_DIGITS = 100;

    private Scalars() {
    }

    public static final GraphQLScalarType DATE_TIME = scalar("DateTime", "an ISO-8601 date and time with an offset",
            text -> inRange(OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant()),
            value -> switch (value) {
                case Instant instant -> DateTimeFormatter.ISO_INSTANT.format(instant);
                case OffsetDateTime odt -> DateTimeFormatter.ISO_INSTANT.format(odt.toInstant());
                case java.util.Date date -> DateTimeFormatter.ISO_INSTANT.format(date.toInstant());
                default -> null;
            });

    public static final GraphQLScalarType DATE = scalar("Date", "an ISO-8601 date, YYYY-MM-DD",
            text -> inRange(LocalDate.parse(text)),
            value -> switch (value) {
                case LocalDate date -> date.toString();
                case Instant instant -> instant.atOffset(ZoneOffset.UTC).toLocalDate().toString();
                default -> null;
            });

    /**
     * The spec's {@code ID}: a string, or an integer given as a number. graphql-java's own turns any input into
     * text, lists and objects included; this one refuses them.
     */
    public static final GraphQLScalarType ID = GraphQLScalarType.newScalar().name("ID")
            .description("A unique identifier, opaque to clients.")
            .coercing(new Coercing<Object, String>() {
                @Override
                public String serialize(Object value, GraphQLContext context, Locale locale) {
                    if (value instanceof String || value instanceof Number) {
                        return value.toString();
                    }
                    throw new CoercingSerializeException("ID cannot represent this value.");
                }

                @Override
                public Object parseValue(Object input, GraphQLContext context, Locale locale) {
                    return idOf(input).orElseThrow(() -> new CoercingParseValueException(
                            "Expected an ID (a string or an integer)."));
                }

                @Override
                public Object parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context,
                                           Locale locale) {
                    return switch (input) {
                        case StringValue text -> text.getValue();
                        case IntValue number -> number.getValue().toString();
                        default -> throw new CoercingParseLiteralException("Expected an ID (a string or an integer).");
                    };
                }
            }).build();

    private static java.util.Optional<String> idOf(Object input) {
        return switch (input) {
            case String text -> java.util.Optional.of(text);
            case Integer number -> java.util.Optional.of(number.toString());
            case Long number -> java.util.Optional.of(number.toString());
            case BigInteger number when number.toString().length() <= MAX_ID_DIGITS ->
                    java.util.Optional.of(number.toString());
            case BigDecimal number when (long) number.precision() - number.scale() <= MAX_ID_DIGITS
                    && number.stripTrailingZeros().scale() <= 0 ->
                    java.util.Optional.of(number.toBigIntegerExact().toString());
            default -> java.util.Optional.empty();
        };
    }

    private static Instant inRange(Instant instant) {
        inRange(instant.atOffset(ZoneOffset.UTC).toLocalDate());
        return instant;
    }

    private static LocalDate inRange(LocalDate date) {
        if (date.isBefore(EARLIEST) || date.isAfter(LATEST)) {
            throw new DateTimeException("out of range");
        }
        return date;
    }

    private static GraphQLScalarType scalar(String name, String expected, Function<String, Object> parse,
                                            Function<Object, String> format) {
        Coercing<Object, String> coercing = new Coercing<>() {
            @Override
            public String serialize(Object value, GraphQLContext context, Locale locale) {
                String text = format.apply(value);
                if (text == null) {
                    throw new CoercingSerializeException(name + " cannot represent this value.");
                }
                return text;
            }

            @Override
            public Object parseValue(Object input, GraphQLContext context, Locale locale) {
                if (input instanceof String text) {
                    try {
                        return parse.apply(text);
                    } catch (DateTimeException e) {
                        throw new CoercingParseValueException(refusal(expected, text));
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
                    } catch (DateTimeException e) {
                        throw new CoercingParseLiteralException(refusal(expected, text.getValue()));
                    }
                }
                throw new CoercingParseLiteralException("Expected " + expected + " as a string.");
            }
        };
        return GraphQLScalarType.newScalar().name(name).coercing(coercing).build();
    }

    private static String refusal(String expected, String text) {
        String shown = text.length() > 40 ? text.substring(0, 40) + "…" : text;
        return "Expected " + expected + " between " + EARLIEST + " and " + LATEST + ", got \"" + shown + "\".";
    }
}
