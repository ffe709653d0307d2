package app.alongside.contracts;

import app.alongside.contracts.fixtures.Contracts;
import app.alongside.contracts.fixtures.Fragment;
import app.alongside.contracts.fixtures.Operation;
import app.alongside.contracts.fixtures.Schemas;
import graphql.ParseAndValidate;
import graphql.language.Document;
import graphql.language.FragmentDefinition;
import graphql.language.OperationDefinition;
import graphql.parser.Parser;
import graphql.schema.GraphQLSchema;
import graphql.validation.ValidationError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Each {@code .graphql} file is one operation or one shared fragment, named after the file; operations are valid
 * against the current schema with the fragments they use. Fragment names are global in Relay and Apollo's
 * code generators, so no operation file defines one of its own.
 */
class OperationDocumentsTest {
    private static final GraphQLSchema SCHEMA = Schemas.current();

    static List<Operation> operations() {
        return Operation.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operations")
    void holdsOneOperationNamedAfterItsFile(Operation operation) {
        List<String> names = parse(operation).getDefinitionsOfType(OperationDefinition.class).stream()
                .map(OperationDefinition::getName).toList();
        assertEquals(List.of(operation.name()), names, () -> operation.file()
                + " must hold exactly one operation, named " + operation.name() + " like the file");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operations")
    void definesNoFragmentOfItsOwn(Operation operation) {
        List<String> own = Parser.parse(operation.source()).getDefinitionsOfType(FragmentDefinition.class).stream()
                .map(FragmentDefinition::getName).toList();
        assertEquals(List.of(), own, () -> operation.file() + " defines fragments: give each a file of its own");
    }

    static List<Fragment> fragments() {
        return Operation.fragments();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fragments")
    void fragmentFileHoldsOneFragmentNamedAfterIt(Fragment fragment) {
        Document document = Parser.parse(fragment.source());
        List<String> names = document.getDefinitions().stream()
                .map(d -> d instanceof FragmentDefinition f ? f.getName() : d.getClass().getSimpleName()).toList();
        assertEquals(List.of(fragment.name()), names, () -> fragment.file() + " must hold exactly one fragment, named "
                + fragment.name() + " like the file");
    }

    @Test
    void everyFragmentIsUsedAndNoNameClashes() {
        Map<String, Fragment> byName = fragments().stream().collect(Collectors.toMap(Fragment::name, f -> f));
        Set<String> used = operations().stream()
                .flatMap(op -> Operation.fragmentsUsed(op.source(), byName).stream()).collect(Collectors.toSet());
        assertEquals(List.of(), fragments().stream().map(Fragment::name).filter(name -> !used.contains(name))
                .toList(), "fragments no operation spreads");
        assertEquals(List.of(), operations().stream().map(Operation::name).filter(byName::containsKey).toList(),
                "names used by an operation and a fragment");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operations")
    void isValidAgainstTheSchema(Operation operation) {
        List<String> errors = ParseAndValidate.validate(SCHEMA, parse(operation)).stream()
                .map(ValidationError::getMessage).toList();
        assertEquals(List.of(), errors, () -> operation.file() + " is not valid against the current schema");
    }

    @Test
    void operationNamesAreUnique() {
        Map<String, List<Path>> filesByName = operations().stream().collect(Collectors.groupingBy(Operation::name,
                TreeMap::new, Collectors.mapping(Operation::file, Collectors.toList())));
        List<String> clashes = filesByName.entrySet().stream().filter(entry -> entry.getValue().size() > 1)
                .map(entry -> entry.getKey() + " in " + entry.getValue()).toList();
        assertEquals(List.of(), clashes, "operation names must be unique across all folders");
    }

    @Test
    void everyVariablesFileBelongsToAnOperation() throws IOException {
        Set<Path> expected = operations().stream().map(Operation::variablesFile).collect(Collectors.toSet());
        try (Stream<Path> files = Files.walk(Contracts.OPERATIONS)) {
            List<Path> orphans = files.filter(file -> file.toString().endsWith(Operation.VARIABLES_EXTENSION))
                    .filter(file -> !expected.contains(file)).toList();
            assertEquals(List.of(), orphans, "example variables need an operation file of the same name beside them");
        }
    }

    private static Document parse(Operation operation) {
        return assertDoesNotThrow(() -> Parser.parse(operation.document()), () -> operation.file() + " does not parse");
    }
}
