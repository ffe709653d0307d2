package app.alongside.platform.core;

import jakarta.json.JsonException;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;

import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * JSON reading and writing; one instance, thread-safe. Reading goes through Parsson's streaming parser and builds
 * the value with a loop, not recursion, and counts the nesting while it reads: a body nested deeper than
 * {@code maxDepth} is refused before anything deep is built, so no shape of input can overflow a stack here or in
 * whatever walks the value later (graphql-java's variable coercion recurses). Writing uses Yasson.
 */
public final class Json {
    /** Deep enough for any input the schema can take (its input objects nest a handful of levels). */
    public static final int DEFAULT_MAX_DEPTH = 64;

    private final Jsonb jsonb = JsonbBuilder.create(new JsonbConfig().withNullValues(true));
    private final JsonParserFactory parsers = jakarta.json.Json.createParserFactory(Map.of());
    private final int maxDepth;

    /** JSON nested deeper than the limit: always a 400, whatever else the transport does with request errors. */
    public static final class TooDeep extends ApiException {
        private static final long serialVersionUID = 1L;

        TooDeep(int maxDepth) {
            super(ErrorCode.BAD_REQUEST, "The JSON is nested more than " + maxDepth + " levels deep.", List.of(),
                    Map.of("limit", "jsonDepth", "maximum", maxDepth));
        }
    }

    public Json() {
        this(DEFAULT_MAX_DEPTH);
    }

    public Json(int maxDepth) {
        this.maxDepth = maxDepth;
        warmUp();
    }

    /**
     * Parses any JSON value into maps, lists, strings, numbers ({@code BigDecimal}), booleans and nulls; empty when
     * the text is not JSON.
     *
     * @throws TooDeep when objects and arrays nest more than the limit
     */
    public Optional<Object> parse(String text) {
        try (JsonParser parser = parsers.createParser(new StringReader(text))) {
            if (!parser.hasNext()) {
                return Optional.empty();
            }
            Object value = read(parser);
            return parser.hasNext() ? Optional.empty() : Optional.ofNullable(value);
        } catch (JsonException | IllegalStateException | ArithmeticException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    public String write(Object value) {
        return jsonb.toJson(value);
    }

    /** Builds one value from the parser's events, keeping open containers on a stack of its own. */
    private Object read(JsonParser parser) {
        Deque<Object> open = new ArrayDeque<>();
        Deque<String> keys = new ArrayDeque<>();
        String key = null;
        while (parser.hasNext()) {
            JsonParser.Event event = parser.next();
            Object value;
            switch (event) {
                case KEY_NAME -> {
                    key = parser.getString();
                    continue;
                }
                case START_OBJECT, START_ARRAY -> {
                    if (open.size() >= maxDepth) {
                        throw new TooDeep(maxDepth);
                    }
                    open.push(event == JsonParser.Event.START_OBJECT ? new LinkedHashMap<String, Object>()
                            : new ArrayList<>());
                    keys.push(key == null ? "" : key);
                    key = null;
                    continue;
                }
                case END_OBJECT, END_ARRAY -> {
                    value = open.pop();
                    key = keys.pop();
                    if (open.isEmpty()) {
                        return value;
                    }
                }
                case VALUE_STRING -> value = parser.getString();
                case VALUE_NUMBER -> value = parser.getBigDecimal();
                case VALUE_TRUE -> value = Boolean.TRUE;
                case VALUE_FALSE -> value = Boolean.FALSE;
                default -> value = null;
            }
            if (open.isEmpty()) {
                return value;
            }
            add(open.peek(), key, value);
            key = null;
        }
        throw new JsonException("unexpected end of JSON");
    }

    @SuppressWarnings("unchecked")
    private static void add(Object container, String key, Object value) {
        if (container instanceof Map<?, ?> map) {
            ((Map<String, Object>) map).put(key, value);
        } else {
            ((List<Object>) container).add(value);
        }
    }

    /**
     * Parsson loads its message bundle (class {@code JsonMessages}) on the first parse error. Were that first
     * error to happen on an almost full stack, the class would fail to initialise and every later parse error
     * would become a {@code NoClassDefFoundError}: make it happen here, at start.
     */
    private void warmUp() {
        try (JsonParser parser = parsers.createParser(new StringReader("[}"))) {
            while (parser.hasNext()) {
                parser.next();
            }
        } catch (JsonException e) {
            return;
        }
        throw new IllegalStateException("the JSON parser accepted \"[}\"");
    }
}
