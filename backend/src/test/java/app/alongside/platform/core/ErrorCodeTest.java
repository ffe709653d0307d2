package app.alongside.platform.core;

import app.alongside.platform.graphql.SchemaLoader;
import graphql.language.EnumTypeDefinition;
import graphql.language.EnumValueDefinition;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The catalogue in Java and in the schema are one list, in the same order. */
class ErrorCodeTest {
    @Test
    void javaEnumEqualsTheSchemaEnum() {
        EnumTypeDefinition schema = SchemaLoader.registry().getType("ErrorCode", EnumTypeDefinition.class)
                .orElseThrow(() -> new AssertionError("the schema has no ErrorCode enum"));
        List<String> inSchema = schema.getEnumValueDefinitions().stream().map(EnumValueDefinition::getName).toList();
        List<String> inJava = Arrays.stream(ErrorCode.values()).map(Enum::name).toList();
        assertEquals(inJava, inSchema);
    }
}
