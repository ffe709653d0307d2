package app.alongside.platform.graphql;

import com.mongodb.client.MongoDatabase;
import graphql.schema.GraphQLSchema;

import java.time.Clock;

/** What a module registers its part of the schema with: the wiring, the node registry and the data loaders. */
public record GraphParts(Wiring wiring, Nodes nodes, DataLoaders loaders) {
    /** Empty parts with the platform's own wiring (scalars, {@code node(id:)}, {@code apiInfo}) registered. */
    public static GraphParts create(MongoDatabase db, Nodes.Refusals refusals, Clock clock) {
        GraphParts parts = new GraphParts(new Wiring(), new Nodes(db, refusals), new DataLoaders());
        PlatformWiring.register(parts.wiring(), parts.nodes(), clock);
        return parts;
    }

    /** The executable schema, once every module has registered (checks that every field has a fetcher). */
    public GraphQLSchema schema() {
        nodes.registerLoaders(loaders);
        return SchemaLoader.build(wiring);
    }
}
