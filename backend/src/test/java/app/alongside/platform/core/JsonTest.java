package app.alongside.platform.core;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class JsonTest {
    private final Json json = new Json(8);

    @Test
    void readsEveryKindOfValue() {
        assertEquals(Optional.of(Map.of("a", List.of(new BigDecimal("1"), "two", true, false),
                "b", Map.of("c", new BigDecimal("1.5")))),
                json.parse("{\"a\":[1,\"two\",true,false],\"b\":{\"c\":1.5}}"));
        assertEquals(Optional.of(Arrays.asList(null, List.of())), json.parse("[null,[]]"));
        assertEquals(Optional.of("text"), json.parse("\"text\""));
    }

    @Test
    void textThatIsNotJsonIsEmpty() {
        for (String text : List.of("", "{", "[1,]", "{\"a\":1}x", "nope", "[1e99999999999]", "{\"a\"}")) {
            assertEquals(Optional.empty(), json.parse(text), text);
        }
    }

    @Test
    void nestingBeyondTheLimitIsRefusedWhileReading() {
        assertEquals(8, depth(json.parse("[".repeat(8) + "]".repeat(8)).orElseThrow()));
        Json.TooDeep e = assertThrows(Json.TooDeep.class, () -> json.parse("[".repeat(9) + "]".repeat(9)));
        assertEquals(ErrorCode.BAD_REQUEST, e.code());
        assertEquals(Map.of("code", "BAD_REQUEST", "limit", "jsonDepth", "maximum", 8), e.toExtensions());
        assertThrows(Json.TooDeep.class, () -> json.parse("{\"a\":".repeat(100_000)),
                "refused before the end is even read");
    }

    private static int depth(Object value) {
        int depth = 0;
        while (value instanceof List<?> list) {
            depth++;
            value = list.isEmpty() ? null : list.getFirst();
        }
        return depth;
    }
}
