package app.alongside.organisations;

import app.alongside.kernel.OrganisationKind;
import app.alongside.platform.core.Connections;
import app.alongside.platform.core.Input;
import app.alongside.platform.core.Payloads;
import app.alongside.platform.core.RequestContext;
import app.alongside.platform.graphql.DataLoaders;
import app.alongside.platform.graphql.Nodes;
import app.alongside.platform.graphql.Wiring;
import org.dataloader.DataLoader;
import org.dataloader.DataLoaderFactory;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Wires {@code organisations.graphqls}. */
public final class OrganisationsWiring {
    /** Loads organisations by stored id for relations of objects the caller can already see. */
    public static final String LOADER = "organisation";

    /** Payload of {@code createOrganisation}. */
    public record CreatePayload(Organisation organisation, List<Connections.UserError> userErrors,
                                String clientMutationId) {
    }

    /** Payload of {@code updateOrganisation}. */
    public record UpdatePayload(Organisation organisation, List<Connections.UserError> userErrors) {
    }

    private OrganisationsWiring() {
    }

    public static void register(Wiring wiring, Nodes nodes, DataLoaders loaders, OrganisationService service,
                                OrganisationRepository repository, OrganisationPolicy policy, int maxPage,
                                java.util.function.Function<RequestContext, String> ownCouncil) {
        loaders.register(LOADER, context -> DataLoaderFactory.<String, Organisation>newMappedDataLoader(ids ->
                CompletableFuture.supplyAsync(() -> repository.findByIds(ids), Runnable::run)));
        nodes.register(Organisation.TYPE, (ids, context) -> {
            String council = ownCouncil.apply(context);
            Map<String, Object> visible = new java.util.HashMap<>();
            repository.findByIds(ids).values().stream().filter(o -> policy.canSee(context.principal(), o, council))
                    .forEach(o -> visible.put(o.id(), o));
            return visible;
        }, new Nodes.Stored(OrganisationRepository.COLLECTION, null));
        wiring.nodeType(Organisation.TYPE, Organisation.class, Organisation::id)
                .fetcher(Organisation.TYPE, "servesLocalAuthorities", env -> {
                    DataLoader<String, Organisation> loader = env.getDataLoader(LOADER);
                    return loader.loadMany(((Organisation) env.getSource()).servesLocalAuthorityIds())
                            .thenApply(list -> list.stream().filter(java.util.Objects::nonNull).toList());
                })
                .backedBy("OrganisationConnection", Connections.Connection.class)
                .backedBy("OrganisationEdge", Connections.Edge.class)
                .backedBy("CreateOrganisationPayload", CreatePayload.class)
                .backedBy("UpdateOrganisationPayload", UpdatePayload.class)
                .fetcher("Query", "organisations", env -> service.list(RequestContext.of(env),
                        env.getArgument("kind") == null ? null : OrganisationKind.valueOf(env.getArgument("kind")),
                        Connections.Page.of(env, maxPage)))
                .fetcher("Mutation", "createOrganisation", env -> {
                    Input input = Input.of(env);
                    String clientMutationId = input.clientMutationId().orElse(null);
                    return Payloads.run(() -> new CreatePayload(service.create(RequestContext.of(env), input),
                            List.of(), clientMutationId), errors -> new CreatePayload(null, errors, clientMutationId));
                })
                .fetcher("Mutation", "updateOrganisation", env -> Payloads.run(
                        () -> new UpdatePayload(service.update(RequestContext.of(env), Input.of(env)), List.of()),
                        errors -> new UpdatePayload(null, errors)));
    }
}
