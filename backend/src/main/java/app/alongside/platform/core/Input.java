package app.alongside.platform.core;


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
    private final List<String> prefix;

    private Input(Map<String, Object> values, List<String> prefix) {
        this.values = values;
        this.prefix = prefix;
    }

    public static Input of(DataFetchingEnvironment env) {
        Map<String, Object> input = env.getArgument("input");
        return new Input(input == null ? Map.of() : input, List.of("input"));
    }

    /** An input-object argument other than {@code input}, e.g. a {@code filter}; paths start with its name. */
    public static Input argument(DataFetchingEnvironment env, String name) {
        Map<String, Object> value = env.getArgument(name);
        return new Input(value == null ? Map.of() : value, List.of(name));
    }

    /** The names of the fields the client sent. */
    public java.util.Set<String> names() {
        return values.keySet();
    }

    /** The value as the client sent it, unchecked: for a domain that checks it in its own way. */
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
            throw ApiException.badInput(at(name), "Use letters, spaces, apostrophes and hyphens only.");
        }
        return text;
    }

    private String checkText(String name, String text, int min, int max) {
        if (text.length() < min || text.length() > max) {
            throw ApiException.badInput(at(name), min == max ? "Must be " + min + " characters."
                    : "Must be between " + min + " and " + max + " characters.");
        }
        if (CONTROL.matcher(text).find()) {
            throw ApiException.badInput(at(name), "Must not contain control characters.");
        }
        return text;
    }

    /** A password or secret: not trimmed, length-checked only. */
    public String secret(String name, int max) {
        Object value = values.get(name);
        String text = value == null ? "" : value.toString();
        if (text.isEmpty() || text.length() > max) {
            throw ApiException.badInput(at(name), "Must be between 1 and " + max + " characters.");
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
            throw ApiException.badInput(at(name), "Not a known value.");
        }
    }

    public <E extends Enum<E>> E requiredEnum(String name, Class<E> type) {
        return optionalEnum(name, type).orElseThrow(() -> ApiException.badInput(at(name), "Required."));
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
        return decode(value == null ? null : value.toString(), type, at(name));
    }

    public Optional<String> optionalId(String name, String type) {
        return values.get(name) == null ? Optional.empty() : Optional.of(id(name, type));
    }

    /** A global id of {@code type} or of {@code alias}, a type whose ids name the same stored object. */
    public String id(String name, String type, String alias) {
        Object value = values.get(name);
        String text = value == null ? null : value.toString();
        boolean isAlias = GlobalIds.decode(text).filter(d -> d.type().equals(alias)).isPresent();
        return decode(text, isAlias ? alias : type, at(name));
    }

    public Optional<String> optionalId(String name, String type, String alias) {
        return values.get(name) == null ? Optional.empty() : Optional.of(id(name, type, alias));
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
            throw ApiException.badInput(at(name), "At most " + max + " ids.");
        }
        return Optional.of(ids.stream().map(id -> decode(id, type, at(name))).distinct().toList());
    }

    @SuppressWarnings("unchecked")
    public Optional<Input> nested(String name) {
        Object value = values.get(name);
        return value == null ? Optional.empty() : Optional.of(new Input((Map<String, Object>) value, at(name)));
    }

    /** A list of input objects, at most {@code max}; each reports paths like {@code ["input", name, "2", field]}. */
    @SuppressWarnings("unchecked")
    public Optional<List<Input>> nestedList(String name, int max) {
        Object value = values.get(name);
        if (value == null) {
            return Optional.empty();
        }
        List<Map<String, Object>> items = (List<Map<String, Object>>) value;
        if (items.size() > max) {
            throw ApiException.badInput(at(name), "At most " + max + " items.");
        }
        List<Input> inputs = new java.util.ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            List<String> path = new java.util.ArrayList<>(at(name));
            path.add(String.valueOf(i));
            inputs.add(new Input(items.get(i), List.copyOf(path)));
        }
        return Optional.of(inputs);
    }

    public Optional<Integer> optionalInt(String name, int min, int max) {
        Integer value = (Integer) values.get(name);
        if (value != null && (value < min || value > max)) {
            throw ApiException.badInput(at(name), "Must be between " + min + " and " + max + ".");
        }
        return Optional.ofNullable(value);
    }

    public Optional<java.time.Instant> optionalInstant(String name) {
        return Optional.ofNullable((java.time.Instant) values.get(name));
    }

    /** The path of this input object, e.g. {@code ["input", "details"]}. */
    public List<String> path() {
        return prefix;
    }

    /** The path of field {@code name} of this input object, e.g. {@code ["input", "details", "job", "endDate"]}. */
    public List<String> at(String name) {
        List<String> path = new java.util.ArrayList<>(prefix);
        path.add(name);
        return List.copyOf(path);
    }

    /** A hash of the input without secrets, to tell a true retry from a reused clientMutationId. */
    public String fingerprint() {
        java.util.TreeMap<String, Object> sorted = new java.util.TreeMap<>(values);
        sorted.keySet().removeIf(key -> key.toLowerCase(java.util.Locale.ROOT).contains("password"));
        return Ids.sha256(String.valueOf(sorted));
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
