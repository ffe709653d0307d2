package app.alongside.platform.core;

import graphql.language.ArrayValue;
import graphql.language.BooleanValue;
import graphql.language.Document;
import graphql.language.EnumValue;
import graphql.language.FloatValue;
import graphql.language.IntValue;
import graphql.language.Node;
import graphql.language.NullValue;
import graphql.language.ObjectValue;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.language.VariableReference;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The one place that renders GraphQL values and types in error messages as GraphQL. graphql-java writes the
 * values it refuses with Java's {@code toString} ({@code EnumValue{name='WRK'}}) and the types of variables by
 * their Java class ({@code 'BigDecimal'}); every message a client sees passes through {@link #render}, which puts
 * the request's own values back as GraphQL ({@code WRK}, {@code {prefferedName: "x"}}) and Java types as the
 * kind of value they hold. Whatever still looks like Java after that gives way to a plain message for its code.
 */
public final class ErrorText {
    private static final int MAX_MESSAGE = 500;
    private static final int MAX_VALUE = 80;
    private static final Map<String, String> JAVA_TYPES = Map.ofEntries(
            Map.entry("BigDecimal", "number"), Map.entry("BigInteger", "number"), Map.entry("Integer", "number"),
            Map.entry("Long", "number"), Map.entry("Double", "number"), Map.entry("Float", "number"),
            Map.entry("ArrayList", "list"), Map.entry("List12", "list"), Map.entry("ListN", "list"),
            Map.entry("ImmutableList", "list"), Map.entry("LinkedHashMap", "object"), Map.entry("HashMap", "object"),
            Map.entry("ImmutableMap", "object"), Map.entry("Map1", "object"), Map.entry("MapN", "object"));
    private static final Pattern QUOTED_JAVA_TYPE = Pattern.compile("'(" + String.join("|", JAVA_TYPES.keySet())
            + ")'");
    /** Text that only Java writes: AST and collection toString, class and package names, identity hashes. */
    private static final Pattern JAVA = Pattern.compile("(?<![A-Za-z])[A-Za-z]+Value\\{|ObjectField\\{|VariableReference\\{"
            + "|(?<![\\w.@-])(?:java|javax|jakarta|graphql|org|com)\\.[a-z]"
            + "|\\b(?:BigDecimal|BigInteger|ArrayList|HashMap|LinkedHashMap|ImmutableList|ImmutableMap|Optional\\["
            + "|Exception|Error\\b)|@[0-9a-f]{6,}\\b|\\b[a-z]+=[^ ]");

    private final Document document;
    private final Map<String, Object> variables;
    private List<Map.Entry<String, String>> replacements;

    private ErrorText(Document document, Map<String, Object> variables) {
        this.document = document;
        this.variables = variables;
    }

    /** For the messages of one request: its document (if parsed) and variables supply the values shown. */
    public static ErrorText of(Document document, Map<String, Object> variables) {
        return new ErrorText(document, variables == null ? Map.of() : variables);
    }

    /** Without a request: only type names are rendered, and Java-looking text is replaced. */
    public static ErrorText none() {
        return new ErrorText(null, Map.of());
    }

    /** True when {@code text} carries something only Java would write. */
    public static boolean looksLikeJava(String text) {
        return JAVA.matcher(text).find();
    }

    /** The message as a client may see it. */
    public String render(String message, ErrorCode code) {
        if (message == null) {
            return plain(code);
        }
        String text = message;
        if (text.indexOf('{') >= 0 || text.indexOf('[') >= 0 || text.contains("Value")) {
            for (Map.Entry<String, String> replacement : replacements()) {
                text = text.replace(replacement.getKey(), replacement.getValue());
            }
        }
        Matcher types = QUOTED_JAVA_TYPE.matcher(text);
        text = types.replaceAll(match -> "'" + JAVA_TYPES.get(match.group(1)) + "'");
        // Only what the client is shown is checked: a message that echoes a long bad value is cut first, so the
        // check stays as cheap as the message is short.
        String shown = text.length() > MAX_MESSAGE ? text.substring(0, MAX_MESSAGE) + "…" : text;
        return looksLikeJava(shown) ? plain(code) : shown;
    }

    /** A GraphQL rendering of a value given as JSON (maps, lists, strings, numbers, booleans, null). */
    public static String value(Object value) {
        return switch (value) {
            case null -> "null";
            case String text -> quote(text);
            case BigDecimal number -> number.toString();
            case Number number -> number.toString();
            case Boolean flag -> flag.toString();
            case Map<?, ?> map -> map.entrySet().stream().map(e -> e.getKey() + ": " + value(e.getValue()))
                    .collect(Collectors.joining(", ", "{", "}"));
            case List<?> list -> list.stream().map(ErrorText::value).collect(Collectors.joining(", ", "[", "]"));
            default -> "a value";
        };
    }

    /** A GraphQL rendering of a value written in the document. */
    public static String value(Value<?> value) {
        return switch (value) {
            case StringValue text -> quote(text.getValue());
            case IntValue number -> number.getValue().toString();
            case FloatValue number -> number.getValue().toString();
            case BooleanValue flag -> String.valueOf(flag.isValue());
            case NullValue ignored -> "null";
            case EnumValue name -> name.getName();
            case VariableReference ref -> "$" + ref.getName();
            case ArrayValue list -> list.getValues().stream().map(ErrorText::value)
                    .collect(Collectors.joining(", ", "[", "]"));
            case ObjectValue object -> object.getObjectFields().stream()
                    .map(f -> f.getName() + ": " + value(f.getValue())).collect(Collectors.joining(", ", "{", "}"));
            default -> "a value";
        };
    }

    private static String quote(String text) {
        String shown = text.length() > MAX_VALUE ? text.substring(0, MAX_VALUE) + "…" : text;
        StringBuilder out = new StringBuilder("\"");
        shown.codePoints().forEach(c -> {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20 || Character.isSurrogate((char) c)) {
                        out.append(String.format("\\u%04X", c));
                    } else {
                        out.appendCodePoint(c);
                    }
                }
            }
        });
        return out.append('"').toString();
    }

    /** Java's text of each value in the request, longest first, with its GraphQL rendering. */
    private List<Map.Entry<String, String>> replacements() {
        if (replacements == null) {
            Map<String, String> found = new LinkedHashMap<>();
            if (document != null) {
                Deque<Node<?>> pending = new ArrayDeque<>(List.of(document));
                while (!pending.isEmpty()) {
                    Node<?> node = pending.pop();
                    if (node instanceof Value<?> value) {
                        found.putIfAbsent(node.toString(), value(value));
                    }
                    node.getChildren().forEach(pending::push);
                }
            }
            Deque<Object> values = new ArrayDeque<>(variables.values().stream()
                    .filter(v -> v instanceof Map || v instanceof List).toList());
            while (!values.isEmpty()) {
                Object value = values.pop();
                found.putIfAbsent(String.valueOf(value), value(value));
                Iterable<?> children = value instanceof Map<?, ?> map ? map.values() : (List<?>) value;
                children.forEach(child -> {
                    if (child instanceof Map || child instanceof List) {
                        values.push(child);
                    }
                });
            }
            replacements = found.entrySet().stream()
                    .filter(e -> !e.getKey().equals(e.getValue()))
                    .sorted(Comparator.comparingInt((Map.Entry<String, String> e) -> e.getKey().length()).reversed())
                    .toList();
        }
        return replacements;
    }

    private static String plain(ErrorCode code) {
        return switch (code) {
            case BAD_USER_INPUT -> "A value in the request is not valid here.";
            case GRAPHQL_VALIDATION_FAILED -> "The operation is not valid against the schema.";
            case GRAPHQL_PARSE_FAILED -> "The operation is not valid GraphQL.";
            default -> "The request could not be completed.";
        };
    }
}
