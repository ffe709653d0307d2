package app.alongside.contracts;

import app.alongside.contracts.fixtures.Contracts;
import app.alongside.contracts.fixtures.Schemas;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLEnumValueDefinition;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** ERRORS.md has one section per value of the schema's {@code ErrorCode}, each in the same three parts. */
class ErrorCatalogueTest {
    private static final Pattern SECTION = Pattern.compile("^### `([A-Z_]+)`$", Pattern.MULTILINE);
    private static final List<String> PARTS = List.of("- **Means:**", "- **HTTP status:**", "- **What to do:**");

    @Test
    void documentsEveryErrorCodeAndNoOther() throws IOException {
        GraphQLEnumType errorCode = (GraphQLEnumType) Schemas.current().getType("ErrorCode");
        List<String> codes = errorCode.getValues().stream().map(GraphQLEnumValueDefinition::getName).toList();
        List<String> documented = sections().stream().map(Section::code).toList();
        assertEquals(List.of(), codes.stream().filter(code -> !documented.contains(code)).toList(),
                "ErrorCode values without a section in " + Contracts.ERRORS);
        assertEquals(List.of(), documented.stream().filter(code -> !codes.contains(code)).toList(),
                "sections in " + Contracts.ERRORS + " for codes that ErrorCode does not have");
        assertEquals(documented.stream().distinct().toList(), documented, "a code with two sections");
    }

    @Test
    void everySectionSaysWhatTheCodeMeansItsStatusAndWhatToDo() throws IOException {
        for (Section section : sections()) {
            assertEquals(PARTS, PARTS.stream().filter(section.text()::contains).toList(), () -> Contracts.ERRORS
                    + ": the section on " + section.code() + " needs the lines " + PARTS);
        }
    }

    private record Section(String code, String text) {
    }

    /** Each code's section, in page order. */
    private static List<Section> sections() throws IOException {
        String page = Files.readString(Contracts.ERRORS, StandardCharsets.UTF_8);
        List<Section> sections = new ArrayList<>();
        Matcher heading = SECTION.matcher(page);
        boolean found = heading.find();
        while (found) {
            String code = heading.group(1);
            int start = heading.end();
            found = heading.find();
            String text = page.substring(start, found ? heading.start() : page.length());
            sections.add(new Section(code, text));
        }
        return sections;
    }
}
