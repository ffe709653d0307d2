package app.alongside.platform.graphql;

import app.alongside.platform.core.GlobalIds;
import graphql.schema.DataFetcher;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.TypeResolver;
import graphql.schema.idl.RuntimeWiring;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Collects what each domain wires into the schema: data fetchers per field, the Java records behind object
 * types (their components answer the fields without a fetcher), type resolvers and scalars. It also answers the
 * question a test and start-up both ask: does every schema field have a resolver, and every resolver a field?
 */
public final class Wiring {
    private final RuntimeWiring.Builder runtime = RuntimeWiring.newRuntimeWiring();
    private final Set<String> fetchers = new LinkedHashSet<>();
    private final Map<String, Class<? extends Record>> backing = new HashMap<>();
    private final Map<Class<?>, String> typeByClass = new HashMap<>();

    /** A value whose object type depends on its data (one Java record behind several types), not on its class. */
    public interface Typed {
        String typeName();
    }

    public Wiring fetcher(String type, String field, DataFetcher<?> fetcher) {
        if (!fetchers.add(type + "." + field)) {
            throw new IllegalStateException(type + "." + field + " is wired twice");
        }
        runtime.type(type, t -> t.dataFetcher(field, fetcher));
        return this;
    }

    /** Declares that objects of {@code type} are instances of {@code record}; its components answer fields. */
    public Wiring backedBy(String type, Class<? extends Record> record) {
        backing.put(type, record);
        typeByClass.put(record, type);
        return this;
    }

    /** A Node type: backed by {@code record}, with {@code id} answered as a global id of {@code type}. */
    public <R extends Record> Wiring nodeType(String type, Class<R> record, java.util.function.Function<R, String> id) {
        backedBy(type, record);
        return fetcher(type, "id", env -> GlobalIds.encode(type, id.apply(record.cast(env.getSource()))));
    }

    public Wiring typeResolver(String type, TypeResolver resolver) {
        runtime.type(type, t -> t.typeResolver(resolver));
        return this;
    }

    public Wiring scalar(GraphQLScalarType scalar) {
        runtime.scalar(scalar);
        return this;
    }

    /** Replaces one of the spec's scalars ({@code ID}), which strict wiring otherwise refuses to redefine. */
    public Wiring replaceBuiltInScalar(GraphQLScalarType scalar) {
        runtime.strictMode(false).scalar(scalar).strictMode(true);
        return this;
    }

    /** The object type name for a Java object, from {@link #backedBy}; used by interface type resolvers. */
    public String typeNameOf(Object value) {
        if (value instanceof Typed typed) {
            return typed.typeName();
        }
        return typeByClass.get(value.getClass());
    }

    /** Resolves {@code iface} to the object type whose backing record the value is (see {@link #backedBy}). */
    public Wiring interfaceByRecords(String iface) {
        return typeResolver(iface, env -> {
            String name = typeNameOf(env.getObject());
            return name == null ? null : env.getSchema().getObjectType(name);
        });
    }

    public RuntimeWiring build() {
        return runtime.build();
    }

    /** Schema fields that nothing answers: neither a fetcher nor a component of the type's backing record. */
    public Set<String> fieldsWithoutResolver(GraphQLSchema schema) {
        Set<String> missing = new TreeSet<>();
        for (GraphQLObjectType type : objectTypes(schema)) {
            Set<String> components = components(type.getName());
            for (GraphQLFieldDefinition field : type.getFieldDefinitions()) {
                String key = type.getName() + "." + field.getName();
                if (!fetchers.contains(key) && !components.contains(field.getName())) {
                    missing.add(key);
                }
            }
        }
        return missing;
    }

    /**
     * Fetchers (and backing records) wired for fields or types the schema does not have. A fetcher on an interface's
     * field counts as one: graphql-java only ever calls the fetchers of object types' fields.
     */
    public Set<String> resolversWithoutField(GraphQLSchema schema) {
        Set<String> orphans = new TreeSet<>();
        for (String key : fetchers) {
            String[] parts = key.split("\\.", 2);
            GraphQLType type = schema.getType(parts[0]);
            boolean exists = type instanceof GraphQLObjectType o && o.getFieldDefinition(parts[1]) != null;
            if (!exists) {
                orphans.add(key);
            }
        }
        backing.keySet().stream().filter(t -> !(schema.getType(t) instanceof GraphQLObjectType)).forEach(orphans::add);
        return orphans;
    }

    private Set<String> components(String type) {
        Class<? extends Record> record = backing.get(type);
        if (record == null) {
            return Set.of();
        }
        Set<String> names = new LinkedHashSet<>();
        Arrays.stream(record.getRecordComponents()).map(RecordComponent::getName).forEach(names::add);
        return names;
    }

    private static List<GraphQLObjectType> objectTypes(GraphQLSchema schema) {
        return schema.getAllTypesAsList().stream()
                .filter(t -> t instanceof GraphQLObjectType && !t.getName().startsWith("__"))
                .map(GraphQLObjectType.class::cast)
                .toList();
    }
}
