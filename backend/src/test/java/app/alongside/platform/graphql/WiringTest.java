package app.alongside.platform.graphql;

import graphql.schema.DataFetcher;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Every schema field has a resolver and every resolver a field, on a tiny schema built from SDL. */
class WiringTest {
    private static final String SDL = """
            type Query { book(id: ID!): Book, shelf: [Book!]! }
            interface Item { id: ID! }
            type Book implements Item { id: ID!, title: String!, pages: Int }
            """;
    private static final DataFetcher<Object> NONE = env -> null;

    record Book(String id, String title, Integer pages) {
    }

    record Pamphlet(String id, String title) {
    }

    @Test
    void fetchersAndRecordComponentsAnswerEveryField() {
        Wiring wiring = wiring().fetcher("Query", "book", NONE).fetcher("Query", "shelf", NONE)
                .backedBy("Book", Book.class);
        GraphQLSchema schema = schema(wiring);
        assertEquals(Set.of(), wiring.fieldsWithoutResolver(schema));
        assertEquals(Set.of(), wiring.resolversWithoutField(schema));
    }

    @Test
    void schemaFieldWithNoFetcherIsReported() {
        Wiring wiring = wiring().fetcher("Query", "book", NONE).backedBy("Book", Pamphlet.class);
        assertEquals(Set.of("Query.shelf", "Book.pages"), wiring.fieldsWithoutResolver(schema(wiring)));
    }

    @Test
    void fetcherForAFieldTheSchemaLacksIsReported() {
        Wiring wiring = wiring().fetcher("Query", "book", NONE).fetcher("Query", "shelf", NONE)
                .fetcher("Query", "magazine", NONE).fetcher("Author", "name", NONE)
                .backedBy("Book", Book.class).backedBy("Leaflet", Pamphlet.class);
        assertEquals(Set.of("Query.magazine", "Author.name", "Leaflet"), wiring.resolversWithoutField(schema(wiring)));
    }

    @Test
    void fetcherOnAnInterfaceFieldIsReportedBecauseGraphqlJavaNeverCallsIt() {
        Wiring wiring = wiring().fetcher("Query", "book", NONE).fetcher("Query", "shelf", NONE)
                .fetcher("Item", "id", NONE).backedBy("Book", Book.class);
        assertEquals(Set.of("Item.id"), wiring.resolversWithoutField(schema(wiring)));
    }

    @Test
    void wiringAFieldTwiceFailsAtOnce() {
        Wiring wiring = wiring().fetcher("Query", "book", NONE);
        assertThrows(IllegalStateException.class, () -> wiring.fetcher("Query", "book", NONE));
    }

    /** A wiring with what the SDL needs to build at all: how to tell an Item's type. */
    private static Wiring wiring() {
        return new Wiring().interfaceByRecords("Item");
    }

    private static GraphQLSchema schema(Wiring wiring) {
        return new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(SDL), wiring.build());
    }
}
