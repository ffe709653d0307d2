package app.alongside.platform;

import graphql.schema.DataFetchingEnvironment;
import org.dataloader.DataLoader;
import org.dataloader.DataLoaderFactory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Resolves Relay global ids for {@code node(id:)} and {@code nodes(ids:)}. Each domain registers, per object
 * type, a batch loader that returns only the objects the caller may see; ids of anything else, or of nothing,
 * come back as null, so an id reveals nothing.
 */
public final class Nodes {
    /** Loads the visible objects among {@code ids} (stored ids), keyed by id. */
    @FunctionalInterface
    public interface Loader {
        Map<String, Object> load(List<String> ids, RequestContext context);
    }

    private final Map<String, Loader> loaders = new HashMap<>();

    public Nodes register(String type, Loader loader) {
        loaders.put(type, loader);
        return this;
    }

    /** Adds one DataLoader per node type, so a page of {@code nodes} is one query per type. */
    public void registerLoaders(DataLoaders dataLoaders) {
        loaders.forEach((type, loader) -> dataLoaders.register(loaderName(type), context ->
                DataLoaderFactory.<String, Object>newMappedDataLoader(ids -> CompletableFuture.supplyAsync(
                        () -> loader.load(List.copyOf(ids), context), Runnable::run))));
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

    private static String loaderName(String type) {
        return "node:" + type;
    }
}
