package app.alongside.platform;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.JsonbException;

import java.util.Optional;

/** JSON reading and writing through Jakarta JSON Binding (Yasson); one instance, thread-safe. */
public final class Json {
    private final Jsonb jsonb = JsonbBuilder.create(new JsonbConfig().withNullValues(true));

    /** Parses any JSON value into maps, lists, strings, numbers ({@code BigDecimal}), booleans and nulls. */
    public Optional<Object> parse(String text) {
        try {
            return Optional.ofNullable(jsonb.fromJson(text, Object.class));
        } catch (JsonbException e) {
            return Optional.empty();
        }
    }

    public <T> T parse(String text, Class<T> type) {
        return jsonb.fromJson(text, type);
    }

    public String write(Object value) {
        return jsonb.toJson(value);
    }
}
