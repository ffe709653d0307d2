package app.alongside.opportunities;

import app.alongside.organisations.Organisation;
import app.alongside.organisations.OrganisationsWiring;
import app.alongside.platform.core.Connections;
import app.alongside.platform.core.GlobalIds;
import app.alongside.platform.core.Input;
import app.alongside.platform.core.Payloads;
import app.alongside.platform.core.RequestContext;
import app.alongside.platform.graphql.DataLoaders;
import app.alongside.platform.graphql.Nodes;
import app.alongside.platform.graphql.Wiring;
import graphql.schema.DataFetchingEnvironment;
import org.dataloader.DataLoader;
import org.dataloader.DataLoaderFactory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;

/** Wires {@code opportunities.graphqls}. */
public final class OpportunitiesWiring {
    /** Payload of {@code createOpportunity}. */
    public record CreatePayload(Opportunity opportunity, List<Connections.UserError> userErrors,
                                String clientMutationId) {
    }

    /** Payload of the mutations that change an opportunity. */
    public record OpportunityPayload(Opportunity opportunity, List<Connections.UserError> userErrors) {
    }

    /** Payload of {@code saveOpportunity} and {@code unsaveOpportunity}. */
    public record SavePayload(Opportunity opportunity, List<Connections.UserError> userErrors) {
    }

    /** Payload of {@code expressInterest} and {@code withdrawInterest}. */
    public record InterestPayload(Interest interest, List<Connections.UserError> userErrors) {
    }

    private static final String SAVED = "opportunities:saved";
    private static final String MY_INTEREST = "opportunities:myInterest";
    private static final String INTEREST_COUNT = "opportunities:interestCount";

    private OpportunitiesWiring() {
    }

    public static void register(Wiring wiring, Nodes nodes, DataLoaders loaders, Postings postings,
                                OpportunitySearch search, Interests interests, int maxPage) {
        registerLoaders(loaders, interests);
        nodes.register(Opportunity.TYPE, (ids, context) -> search.load(context, ids),
                new Nodes.Stored(OpportunityRepository.COLLECTION, null));
        nodes.register(Interest.TYPE, (ids, context) -> interests.loadInterests(context, ids),
                new Nodes.Stored(InterestRepository.INTERESTS, "youngPersonId"));
        wiring.nodeType(Opportunity.TYPE, Opportunity.class, Opportunity::id)
                .fetcher(Opportunity.TYPE, "organisation", env -> organisation(env,
                        ((Opportunity) env.getSource()).organisationId()))
                .fetcher(Opportunity.TYPE, "descriptionFormat", env -> ((Opportunity) env.getSource()).format())
                .fetcher(Opportunity.TYPE, "descriptionHtml", env -> {
                    Opportunity o = env.getSource();
                    return SafeMarkdown.toHtml(o.description(), o.format());
                })
                .fetcher(Opportunity.TYPE, "saved", env -> load(env, SAVED, env.<Opportunity>getSource().id()))
                .fetcher(Opportunity.TYPE, "myInterest", env -> load(env, MY_INTEREST,
                        env.<Opportunity>getSource().id()))
                .fetcher(Opportunity.TYPE, "interestCount", env -> {
                    Opportunity o = env.getSource();
                    return OpportunityPolicy.seesInterestCount(RequestContext.of(env), o)
                            ? load(env, INTEREST_COUNT, o.id()) : null;
                })
                .backedBy("Eligibility", Opportunity.Eligibility.class)
                .fetcher("Eligibility", "councils", env -> {
                    List<CompletableFuture<Organisation>> loads = ((Opportunity.Eligibility) env.getSource())
                            .councilIds().stream().map(id -> organisation(env, id)).toList();
                    return CompletableFuture.allOf(loads.toArray(CompletableFuture[]::new))
                            .thenApply(done -> loads.stream().map(CompletableFuture::join).toList());
                })
                .backedBy("SuppressedCount", Interests.SuppressedCount.class)
                .nodeType(Interest.TYPE, Interest.class, Interest::id)
                .fetcher(Interest.TYPE, "opportunity", env -> nodes.load(GlobalIds.encode(Opportunity.TYPE,
                        ((Interest) env.getSource()).opportunityId()), env))
                .backedBy("OpportunityConnection", Connections.Connection.class)
                .backedBy("OpportunityEdge", Connections.Edge.class)
                .backedBy("InterestConnection", Connections.Connection.class)
                .backedBy("InterestEdge", Connections.Edge.class)
                .backedBy("CreateOpportunityPayload", CreatePayload.class)
                .backedBy("OpportunityPayload", OpportunityPayload.class)
                .backedBy("SaveOpportunityPayload", SavePayload.class)
                .backedBy("ExpressInterestPayload", InterestPayload.class);
        registerQueries(wiring, nodes, postings, search, interests, maxPage);
        registerMutations(wiring, postings, interests);
    }

    private static void registerQueries(Wiring wiring, Nodes nodes, Postings postings, OpportunitySearch search,
                                        Interests interests, int maxPage) {
        wiring.fetcher("Query", "opportunity", env -> nodes.load(Opportunity.TYPE, env.getArgument("id"), env));
        wiring.fetcher("Query", "opportunities", env -> search.search(RequestContext.of(env), filter(env),
                        "NEWEST".equals(env.getArgument("sort")), Connections.Page.of(env, maxPage)))
                .fetcher("Query", "savedOpportunities", env -> {
                    Connections.Page page = Connections.Page.of(env, maxPage);
                    List<Opportunity> saved = interests.savedList(RequestContext.of(env));
                    int from = page.after().map(key -> indexAfter(saved, key)).orElse(0);
                    return Connections.page(saved.subList(Math.min(from, saved.size()), saved.size()), page,
                            from > 0, Opportunity::id);
                })
                .fetcher("Query", "myInterests", env -> interests.myInterests(RequestContext.of(env),
                        Connections.Page.of(env, maxPage)))
                .fetcher("Query", "postedOpportunities", env -> postings.posted(RequestContext.of(env),
                        Optional.ofNullable((String) env.getArgument("status")).map(Opportunity.Status::valueOf),
                        Optional.ofNullable((String) env.getArgument("organisationId")).map(id ->
                                Input.decodeOrNotFound(id, Organisation.TYPE, List.of("organisationId"))),
                        Connections.Page.of(env, maxPage)))
                .fetcher("Query", "moderationQueue", env -> postings.moderationQueue(RequestContext.of(env),
                        Connections.Page.of(env, maxPage)))
                .fetcher("Query", "interestReceived", env -> interests.received(RequestContext.of(env),
                        Input.decodeOrNotFound(env.getArgument("opportunityId"), Opportunity.TYPE,
                                List.of("opportunityId")), Connections.Page.of(env, maxPage)));
    }

    private static void registerMutations(Wiring wiring, Postings postings, Interests interests) {
        wiring.fetcher("Mutation", "createOpportunity", env -> {
            Input input = Input.of(env);
            String id = input.clientMutationId().orElse(null);
            return Payloads.run(() -> new CreatePayload(postings.create(RequestContext.of(env), input), List.of(), id),
                    errors -> new CreatePayload(null, errors, id));
        });
        Map<String, BiFunction<RequestContext, Input, Opportunity>> changes = Map.of(
                "updateOpportunity", postings::update, "submitOpportunity", postings::submit,
                "closeOpportunity", postings::close, "withdrawOpportunity", postings::withdraw,
                "approveOpportunity", postings::approve, "rejectOpportunity", postings::reject);
        changes.forEach((field, change) -> wiring.fetcher("Mutation", field, env -> Payloads.run(
                () -> new OpportunityPayload(change.apply(RequestContext.of(env), Input.of(env)), List.of()),
                errors -> new OpportunityPayload(null, errors))));
        wiring.fetcher("Mutation", "saveOpportunity", env -> Payloads.run(() -> new SavePayload(
                        interests.save(RequestContext.of(env), Input.of(env), true), List.of()),
                        errors -> new SavePayload(null, errors)))
                .fetcher("Mutation", "unsaveOpportunity", env -> Payloads.run(() -> new SavePayload(
                        interests.save(RequestContext.of(env), Input.of(env), false), List.of()),
                        errors -> new SavePayload(null, errors)))
                .fetcher("Mutation", "expressInterest", env -> Payloads.run(() -> new InterestPayload(
                        interests.expressInterest(RequestContext.of(env), Input.of(env)), List.of()),
                        errors -> new InterestPayload(null, errors)))
                .fetcher("Mutation", "withdrawInterest", env -> Payloads.run(() -> new InterestPayload(
                        interests.withdrawInterest(RequestContext.of(env), Input.of(env)), List.of()),
                        errors -> new InterestPayload(null, errors)));
    }

    /** Per-opportunity fields of a page answered with one query each, not one per opportunity. */
    private static void registerLoaders(DataLoaders loaders, Interests interests) {
        loaders.register(SAVED, context -> DataLoaderFactory.<String, Boolean>newMappedDataLoader(ids ->
                CompletableFuture.supplyAsync(() -> {
                    Set<String> saved = interests.savedAmong(context, List.copyOf(ids));
                    Map<String, Boolean> answer = new HashMap<>();
                    ids.forEach(id -> answer.put(id, saved.contains(id)));
                    return answer;
                }, Runnable::run)));
        loaders.register(MY_INTEREST, context -> DataLoaderFactory.<String, Interest>newMappedDataLoader(ids ->
                CompletableFuture.supplyAsync(() -> interests.myInterests(context, List.copyOf(ids)), Runnable::run)));
        loaders.register(INTEREST_COUNT, context -> DataLoaderFactory
                .<String, Interests.SuppressedCount>newMappedDataLoader(ids -> CompletableFuture
                        .supplyAsync(() -> interests.interestCounts(List.copyOf(ids)), Runnable::run)));
    }

    private static <V> CompletableFuture<V> load(DataFetchingEnvironment env, String loader, String id) {
        DataLoader<String, V> dataLoader = env.getDataLoader(loader);
        return dataLoader.load(id);
    }

    private static Input filter(DataFetchingEnvironment env) {
        return Input.argument(env, "filter");
    }

    private static int indexAfter(List<Opportunity> list, String key) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).id().equals(key)) {
                return i + 1;
            }
        }
        return list.size();
    }

    private static CompletableFuture<Organisation> organisation(DataFetchingEnvironment env, String id) {
        DataLoader<String, Organisation> loader = env.getDataLoader(OrganisationsWiring.LOADER);
        return loader.load(id);
    }
}
