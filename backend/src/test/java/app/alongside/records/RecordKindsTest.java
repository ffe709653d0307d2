package app.alongside.records;

import app.alongside.platform.graphql.SchemaLoader;
import graphql.language.EnumTypeDefinition;
import graphql.language.EnumValueDefinition;
import graphql.language.FieldDefinition;
import graphql.language.InputObjectTypeDefinition;
import graphql.language.InputValueDefinition;
import graphql.language.InterfaceTypeDefinition;
import graphql.language.ObjectTypeDefinition;
import graphql.schema.idl.TypeDefinitionRegistry;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The SDL's record kinds, their object types and their inputs list exactly the fields {@link RecordKind} checks. */
class RecordKindsTest {
    private final TypeDefinitionRegistry sdl = SchemaLoader.registry();

    @Test
    void everyKindIsInTheSchemaEnum() {
        EnumTypeDefinition kinds = sdl.getType("RecordKind", EnumTypeDefinition.class).orElseThrow();
        assertEquals(Arrays.stream(RecordKind.values()).map(Enum::name).toList(),
                kinds.getEnumValueDefinitions().stream().map(EnumValueDefinition::getName).toList());
    }

    @Test
    void eachObjectTypeHasTheCommonFieldsAndItsOwn() {
        Set<String> common = names(sdl.getType("Record", InterfaceTypeDefinition.class).orElseThrow()
                .getFieldDefinitions());
        for (RecordKind kind : RecordKind.values()) {
            ObjectTypeDefinition type = sdl.getType(kind.typeName(), ObjectTypeDefinition.class).orElseThrow();
            Set<String> own = names(type.getFieldDefinitions());
            own.removeAll(common);
            own.remove("ssda903Accom");
            assertEquals(specNames(kind), own, kind.typeName());
        }
    }

    @Test
    void eachInputHasExactlyTheSpecFieldsWithTheSameRequiredness() {
        for (RecordKind kind : RecordKind.values()) {
            InputObjectTypeDefinition input = sdl.getType(kind.typeName() + "Input", InputObjectTypeDefinition.class)
                    .orElseThrow();
            assertEquals(specNames(kind), input.getInputValueDefinitions().stream()
                    .map(InputValueDefinition::getName).collect(Collectors.toSet()), kind.typeName());
            for (FieldSpec field : kind.fields()) {
                InputValueDefinition value = input.getInputValueDefinitions().stream()
                        .filter(v -> v.getName().equals(field.name())).findFirst().orElseThrow();
                assertEquals(field.required(), value.getType() instanceof graphql.language.NonNullType,
                        kind.typeName() + "." + field.name());
            }
        }
    }

    @Test
    void eachKindHasAMemberInTheDetailsInput() {
        InputObjectTypeDefinition details = sdl.getType("RecordDetailsInput", InputObjectTypeDefinition.class)
                .orElseThrow();
        assertEquals(Arrays.stream(RecordKind.values()).map(RecordKind::inputMember).collect(Collectors.toSet()),
                details.getInputValueDefinitions().stream().map(InputValueDefinition::getName)
                        .collect(Collectors.toSet()));
        assertTrue(details.getDirectives().stream().anyMatch(d -> d.getName().equals("oneOf")));
    }

    @Test
    void codeListsHaveASourceAndVersion() {
        List<CodeCatalogue.CodeList> lists = new CodeCatalogue().lists();
        assertEquals(List.of(CodeCatalogue.ACCOM, CodeCatalogue.ACTIV), lists.stream().map(CodeCatalogue.CodeList::name)
                .toList());
        lists.forEach(list -> assertTrue(!list.source().isBlank() && !list.version().isBlank() && !list.codes()
                .isEmpty(), list.name()));
    }

    private static Set<String> names(List<FieldDefinition> fields) {
        return fields.stream().map(FieldDefinition::getName).collect(Collectors.toSet());
    }

    private static Set<String> specNames(RecordKind kind) {
        return kind.fields().stream().map(FieldSpec::name).collect(Collectors.toSet());
    }
}
