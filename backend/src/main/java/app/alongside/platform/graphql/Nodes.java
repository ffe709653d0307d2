package app.alongside.platform.graphql;

import app.alongside.platform.core.ApiException;
import app.alongside.platform.core.GlobalIds;
import app.alongside.platform.core.RequestContext;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetchingEnvironment;
import org.bson.Document;
import org.dataloader.DataLoader;
import org.dataloader.DataLoaderFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

/**
 * Resolves Relay global ids for {@code node(id:)} and {@code nodes(ids:)}. Each domain registers, per object
 * type, a batch loader that returns only the objects the caller may see, and where those objects are stored.
 * Anything else, real or made up, comes back as null, for every caller alike: an id reveals nothing. A loader
 * that refuses the caller outright (an {@link ApiException}) answers null too. The refusal of an id that exists
 * is reported (to the audit log) here, once for every type, with the young person it concerns.
 */
public final class Nodes {
    /** Loads the visible objects among {@code ids} (stored ids), keyed by id. */
    @FunctionalInterface
    public interface Loader {
        Map<String, Object> load(List<String> ids, RequestContext context);
    }

    /**
     * Where a type's objects are stored, which field names the young person they concern (or null), and the stored
     * document an id names (itself, or for a part of a document such as a goal's step, that document's id).
     */
    public record Stored(String collection, String subjectField, UnaryOperator<String> documentId) {
        public Stored(String collection, String subjectField) {
            this(collection, subjectField, UnaryOperator.identity());
        }
    }

    /** Told of each refused id that exists, with the young person it concerns (null when none). */
    @FunctionalInterface
    public interface Refusals {
        void refused(RequestContext context, String type, String id, String subjectId);
    }

    private record Registration(Loader loader, Stored stored) {
    }

    private final MongoDatabase db;
    private final Refusals refusals;
    private final Map<String, Registration> loaders = new HashMap<>();

    public Nodes(MongoDatabase db, Refusals refusals) {
        this.db = db;
        this.refusals = refusals;
    }

    public Nodes register(String type, Loader loader, Stored stored) {
        loaders.put(type, new Registration(loader, stored));
        return this;
    }

    /** Adds one DataLoader per node type, so a page of {@code nodes} is one query per type. */
    public void registerLoaders(DataLoaders dataLoaders) {
        loaders.forEach((type, registration) -> dataLoaders.register(loaderName(type), context ->
                DataLoaderFactory.<String, Object>newMappedDataLoader(ids -> CompletableFuture.supplyAsync(
                        () -> load(type, registration, List.copyOf(ids), context), Runnable::run))));
    }

    /** Like {@link #load}, for a field typed to one node type: an id of any other type answers null. */
    public CompletableFuture<Object> load(String type, String globalId, DataFetchingEnvironment env) {
        boolean ofType = GlobalIds.decode(globalId).map(decoded -> decoded.type().equals(type)).orElse(false);
        return ofType ? load(globalId, env) : CompletableFuture.completedFuture(null);
    }

    public CompletableFuture<Object> load(String globalId, DataFetchingEnvironment env) {
        return GlobalIds.decode(globalId)
                .filter(decoded -> loaders.containsKey(decoded.type()))
                .map(decoded -> {
                    DataLoader<String, Object> loader = env.getDataLoader(loaderName(decoded.type()));
                    return loader.load(decoded.id());
                })
                .orElse(CompletableFuture.completedFuture(null));
    }

    /**
     * The objects behind {@code ids}, in order, null where there is none to show. One that failed is null with
     * an error at its own index: the list itself stands.
     */
    public CompletableFuture<DataFetcherResult<List<Object>>> loadAll(List<String> ids, DataFetchingEnvironment env) {
        List<CompletableFuture<Object>> loads = ids.stream().map(id -> load(id, env)).toList();
        return CompletableFuture.allOf(loads.stream().map(load -> load.exceptionally(failure -> null))
                        .toArray(CompletableFuture[]::new))
                .thenApply(done -> {
                    List<Object> data = new ArrayList<>();
                    List<GraphQLError> errors = new ArrayList<>();
                    for (int i = 0; i < loads.size(); i++) {
                        try {
                            data.add(loads.get(i).join());
                        } catch (RuntimeException e) {
                            data.add(null);
                            errors.add(errorAt(env, i, e));
                        }
                    }
                    return DataFetcherResult.<List<Object>>newResult().data(data).errors(errors).build();
                });
    }

    private static GraphQLError errorAt(DataFetchingEnvironment env, int index, RuntimeException failure) {
        Map<String, Object> extensions = GraphqlErrors.extensionsFor(failure);
        return GraphqlErrorBuilder.newError().message(GraphqlErrors.messageFor(extensions))
                .path(env.getExecutionStepInfo().getPath().segment(index)).extensions(extensions).build();
    }

    private Map<String, Object> load(String type, Registration registration, List<String> ids,
                                     RequestContext context) {
        Map<String, Object> visible;
        try {
            visible = registration.loader().load(ids, context);
        } catch (ApiException refused) {
            visible = Map.of();
        }
        Set<String> hidden = new HashSet<>(ids);
        hidden.removeAll(visible.keySet());
        if (!hidden.isEmpty()) {
            reportRefusals(type, registration.stored(), List.copyOf(hidden), context);
        }
        return visible;
    }

    private void reportRefusals(String type, Stored stored, List<String> hidden, RequestContext context) {
        String subjectField = stored.subjectField();
        List<String> fields = subjectField == null ? List.of("_id") : List.of("_id", subjectField);
        List<String> documents = hidden.stream().map(stored.documentId()).distinct().toList();
        for (Document found : db.getCollection(stored.collection()).find(Filters.in("_id", documents))
                .projection(Projections.include(fields))) {
            Object subject = subjectField == null ? null : found.get(subjectField);
            refusals.refused(context, type, String.valueOf(found.get("_id")),
                    subject == null ? null : subject.toString());
        }
    }

    private static String loaderName(String type) {
        return "node:" + type;
    }
}
