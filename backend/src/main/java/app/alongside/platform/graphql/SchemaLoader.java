package app.alongside.platform.graphql;

import app.alongside.platform.config.StartupException;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the SDL that the graphql-schema module ships ({@code graphql/index.txt} lists one {@code .graphqls} file
 * per domain) and joins it with the wiring. Start-up fails when a field has no resolver or a resolver no field.
 */
public final class SchemaLoader {
    private SchemaLoader() {
    }

    public static List<String> files() {
        return Arrays.stream(resource("graphql/index.txt").split("\\R"))
                .map(String::trim).filter(s -> !s.isEmpty() && !s.startsWith("#")).toList();
    }

    public static TypeDefinitionRegistry registry() {
        TypeDefinitionRegistry registry = new TypeDefinitionRegistry();
        SchemaParser parser = new SchemaParser();
        for (String file : files()) {
            registry.merge(parser.parse(resource("graphql/" + file)));
        }
        return registry;
    }

    public static GraphQLSchema build(Wiring wiring) {
        GraphQLSchema schema = new SchemaGenerator().makeExecutableSchema(registry(), wiring.build());
        var missing = wiring.fieldsWithoutResolver(schema);
        var orphans = wiring.resolversWithoutField(schema);
        if (!missing.isEmpty() || !orphans.isEmpty()) {
            throw new StartupException("schema and resolvers disagree: fields without a resolver " + missing
                    + ", resolvers without a field " + orphans);
        }
        return schema;
    }

    private static String resource(String name) {
        try (InputStream in = SchemaLoader.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new StartupException("schema resource " + name + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StartupException("cannot read schema resource " + name, e);
        }
    }
}
