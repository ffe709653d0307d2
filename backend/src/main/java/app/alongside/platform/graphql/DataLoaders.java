package app.alongside.platform.graphql;

import app.alongside.platform.core.RequestContext;
import org.dataloader.DataLoader;
import org.dataloader.DataLoaderRegistry;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The DataLoaders each domain offers, created afresh for every request (so batches and caches never cross
 * users). Resolvers fetch relations through them instead of querying per item.
 */
public final class DataLoaders {
    private final Map<String, Function<RequestContext, DataLoader<?, ?>>> factories = new LinkedHashMap<>();

    public DataLoaders register(String name, Function<RequestContext, DataLoader<?, ?>> factory) {
        if (factories.putIfAbsent(name, factory) != null) {
            throw new IllegalStateException("data loader " + name + " registered twice");
        }
        return this;
    }

    public DataLoaderRegistry forRequest(RequestContext context) {
        DataLoaderRegistry registry = new DataLoaderRegistry();
        factories.forEach((name, factory) -> registry.register(name, factory.apply(context)));
        return registry;
    }
}
