package app.alongside.entitlements;

import app.alongside.fixtures.Http.Reply;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes the entitlements guide: each step's operation, variables and the server's real answer as Markdown. Ids
 * differ from run to run, so each becomes {@code <id N>}, numbered by first appearance (the same id keeps its
 * number through the guide); so does a local entitlement's generated key, as {@code local-<key N>}. The long
 * lists a step names keep their first two items and say how many were left out.
 */
final class GuideWriter {
    static final Path OPERATIONS = Path.of("../mobile-contracts/src/main/graphql/entitlements");
    private static final Set<String> ID_KEYS = Set.of("id", "entitlementId", "youngPersonId", "councilId");
    private static final Pattern SPREAD = Pattern.compile("\\.\\.\\.([A-Z]\\w*Fields)");
    private static final int LIST_ITEMS = 2;

    private final StringBuilder text = new StringBuilder();
    private final Map<String, String> ids = new LinkedHashMap<>();
    private final Map<String, String> keys = new LinkedHashMap<>();

    /** A published operation's file as apps copy it. */
    static String file(String name) {
        try {
            return Files.readString(OPERATIONS.resolve(name + ".graphql")).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What an app sends for a published operation: its document followed by the fragments it spreads. */
    static String document(String name) {
        String operation = file(name);
        StringBuilder out = new StringBuilder(operation);
        Matcher spreads = SPREAD.matcher(operation);
        Set<String> added = new LinkedHashSet<>();
        while (spreads.find()) {
            if (added.add(spreads.group(1))) {
                out.append("\n\n").append(file(spreads.group(1)));
            }
        }
        return out.toString();
    }

    GuideWriter text(String markdown) {
        text.append(markdown.strip()).append("\n\n");
        return this;
    }

    /** One step: who sends it, the document, the variables (when there are any) and the answer. */
    GuideWriter step(String who, String document, Map<String, Object> variables, Reply reply) {
        return step(who, document, variables, reply, Set.of());
    }

    /** A step whose answer's lists under these field names are shortened. */
    GuideWriter step(String who, String document, Map<String, Object> variables, Reply reply, Set<String> cut) {
        text.append("*").append(who).append("* sends\n\n```graphql\n").append(document.strip()).append("\n```\n\n");
        if (variables != null && !variables.isEmpty()) {
            text.append("with the variables\n\n```json\n")
                    .append(pretty(Json.createObjectBuilder(sorted(variables)).build(), "", Set.of()))
                    .append("\n```\n\n");
        }
        JsonValue body = Json.createReader(new StringReader(reply.body())).readValue();
        text.append("and the server answers (HTTP ").append(reply.status()).append(")\n\n```json\n")
                .append(pretty(body, "", cut)).append("\n```\n\n");
        return this;
    }

    String markdown() {
        return text.toString().strip() + "\n";
    }

    private String pretty(JsonValue value, String indent, Set<String> cut) {
        String inner = indent + "  ";
        return switch (value.getValueType()) {
            case OBJECT -> {
                JsonObject object = value.asJsonObject();
                if (object.isEmpty()) {
                    yield "{}";
                }
                StringBuilder out = new StringBuilder("{\n");
                int i = 0;
                for (var entry : object.entrySet()) {
                    out.append(inner).append(quote(entry.getKey())).append(": ")
                            .append(value(entry.getKey(), entry.getValue(), inner, cut))
                            .append(++i < object.size() ? ",\n" : "\n");
                }
                yield out.append(indent).append('}').toString();
            }
            case ARRAY -> array(value.asJsonArray(), indent, cut, false);
            default -> value.toString();
        };
    }

    private String value(String key, JsonValue value, String indent, Set<String> cut) {
        if (ID_KEYS.contains(key)) {
            return masked(value);
        }
        if ("key".equals(key) && value instanceof JsonString string && string.getString().startsWith("local-")) {
            return quote(keys.computeIfAbsent(string.getString(), k -> "local-<key " + (keys.size() + 1) + ">"));
        }
        if (cut.contains(key) && value instanceof JsonArray list) {
            return array(list, indent, cut, true);
        }
        return pretty(value, indent, cut);
    }

    private String array(JsonArray array, String indent, Set<String> cut, boolean shorten) {
        if (array.isEmpty()) {
            return "[]";
        }
        boolean scalars = array.stream().noneMatch(v -> v instanceof JsonObject || v instanceof JsonArray);
        if (scalars) {
            return array.toString().replace(",", ", ");
        }
        String inner = indent + "  ";
        int shown = shorten && array.size() > LIST_ITEMS + 1 ? LIST_ITEMS : array.size();
        StringBuilder out = new StringBuilder("[\n");
        for (int i = 0; i < shown; i++) {
            out.append(inner).append(pretty(array.get(i), inner, cut)).append(i + 1 < array.size() ? ",\n" : "\n");
        }
        if (shown < array.size()) {
            out.append(inner).append(quote("… and " + (array.size() - shown) + " more, left out here")).append('\n');
        }
        return out.append(indent).append(']').toString();
    }

    /** The variables with their keys in order at every level, so the guide is the same from run to run. */
    private static Map<String, Object> sorted(Map<?, ?> map) {
        Map<String, Object> sorted = new TreeMap<>();
        map.forEach((key, value) -> sorted.put((String) key, sortedValue(value)));
        return sorted;
    }

    private static Object sortedValue(Object value) {
        return switch (value) {
            case Map<?, ?> inner -> sorted(inner);
            case List<?> list -> list.stream().map(GuideWriter::sortedValue).toList();
            case null, default -> value;
        };
    }

    private String masked(JsonValue value) {
        if (!(value instanceof JsonString string)) {
            return value.toString();
        }
        return quote(ids.computeIfAbsent(string.getString(), id -> "<id " + (ids.size() + 1) + ">"));
    }

    private static String quote(String s) {
        return Json.createValue(s).toString();
    }
}
