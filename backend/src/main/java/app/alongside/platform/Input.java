package app.alongside.platform;

import graphql.schema.DataFetchingEnvironment;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A mutation's {@code input} argument, read with checks that report the exact field path
 * ({@code ["input", "name"]}) on bad values. Text is trimmed and must not contain control characters.
 */
public final class Input {
    private static final Pattern PERSON_NAME = Pattern.compile("[\\p{L}\\p{M}][\\p{L}\\p{M} '’.-]*");
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}&&[^\\n\\t]]");

    private final Map<String, Object> values;

    private Input(Map<String, Object> values) {
        this.values = values;
    }

    public static Input of(DataFetchingEnvironment env) {
        Map<String, Object> input = env.getArgument("input");
        return new Input(input == null ? Map.of() : input);
    }

    /** The value as the client sent it (already type-checked by GraphQL), or null. */
    public Object raw(String name) {
        return values.get(name);
    }

    /** True when the client sent the field, even as null. */
    public boolean has(String name) {
        return values.containsKey(name);
    }

    public Optional<String> optionalText(String name, int max) {
        Object value = values.get(name);
        if (value == null) {
            return Optional.empty();
        }
        String text = value.toString().trim();
        if (text.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(checkText(name, text, 1, max));
    }

    public String text(String name, int min, int max) {
        Object value = values.get(name);
        String text = value == null ? "" : value.toString().trim();
        return checkText(name, text, min, max);
    }

    /** A person's name: letters (any script), spaces, apostrophes, hyphens and full stops. */
    public String personName(String name, int max) {
        String text = text(name, 1, max);
        if (!PERSON_NAME.matcher(text).matches()) {
            throw ApiException.badInput(path(name), "Use letters, spaces, apostrophes and hyphens only.");
        }
        return text;
    }

    private String checkText(String name, String text, int min, int max) {
        if (text.length() < min || text.length() > max) {
            throw ApiException.badInput(path(name), min == max ? "Must be " + min + " characters."
                    : "Must be between " + min + " and " + max + " characters.");
        }
        if (CONTROL.matcher(text).find()) {
            throw ApiException.badInput(path(name), "Must not contain control characters.");
        }
        return text;
    }

    /** A password or secret: not trimmed, length-checked only. */
    public String secret(String name, int max) {
        Object value = values.get(name);
        String text = value == null ? "" : value.toString();
        if (text.isEmpty() || text.length() > max) {
            throw ApiException.badInput(path(name), "Must be between 1 and " + max + " characters.");
        }
        return text;
    }

    public <E extends Enum<E>> Optional<E> optionalEnum(String name, Class<E> type) {
        Object value = values.get(name);
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Enum.valueOf(type, value.toString()));
        } catch (IllegalArgumentException e) {
            throw ApiException.badInput(path(name), "Not a known value.");
        }
    }

    public <E extends Enum<E>> E requiredEnum(String name, Class<E> type) {
        return optionalEnum(name, type).orElseThrow(() -> ApiException.badInput(path(name), "Required."));
    }

    public Optional<LocalDate> optionalDate(String name) {
        return Optional.ofNullable((LocalDate) values.get(name));
    }

    public Optional<Boolean> optionalBoolean(String name) {
        return Optional.ofNullable((Boolean) values.get(name));
    }

    /** The stored id behind a global id of {@code type}, or bad input naming the field. */
    public String id(String name, String type) {
        Object value = values.get(name);
        return decode(value == null ? null : value.toString(), type, path(name));
    }

    public Optional<String> optionalId(String name, String type) {
        return values.get(name) == null ? Optional.empty() : Optional.of(id(name, type));
    }

    /** A list of global ids of {@code type}, at most {@code max}, without duplicates. */
    @SuppressWarnings("unchecked")
    public Optional<List<String>> optionalIds(String name, String type, int max) {
        Object value = values.get(name);
        if (value == null) {
            return Optional.empty();
        }
        List<String> ids = (List<String>) value;
        if (ids.size() > max) {
            throw ApiException.badInput(path(name), "At most " + max + " ids.");
        }
        return Optional.of(ids.stream().map(id -> decode(id, type, path(name))).distinct().toList());
    }

    @SuppressWarnings("unchecked")
    public Optional<Input> nested(String name) {
        Object value = values.get(name);
        return value == null ? Optional.empty() : Optional.of(new Input((Map<String, Object>) value));
    }

    /** A hash of the input without secrets, to tell a true retry from a reused clientMutationId. */
    public String fingerprint() {
        java.util.TreeMap<String, Object> sorted = new java.util.TreeMap<>(values);
        sorted.keySet().removeIf(key -> key.toLowerCase(java.util.Locale.ROOT).contains("password"));
        return PersistedQueries.sha256(String.valueOf(sorted));
    }

    public Optional<String> clientMutationId() {
        return optionalText("clientMutationId", 100);
    }

    /** The stored id behind a global id of {@code type} given as a plain argument, or NOT_FOUND naming it. */
    public static String decodeOrNotFound(String globalId, String type, List<String> path) {
        return decode(globalId, type, path);
    }

    private static String decode(String globalId, String type, List<String> path) {
        return GlobalIds.decode(globalId).filter(d -> d.type().equals(type)).map(GlobalIds.Decoded::id)
                .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "No " + type + " has that id.", path,
                        Map.of()));
    }

    public static List<String> path(String name) {
        return List.of("input", name);
    }
}
