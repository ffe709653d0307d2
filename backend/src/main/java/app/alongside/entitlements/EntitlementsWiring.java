package app.alongside.entitlements;

import app.alongside.entitlements.Applicability.Applicable;
import app.alongside.entitlements.Gaps.Gap;
import app.alongside.organisations.Organisation;
import app.alongside.organisations.OrganisationsWiring;
import app.alongside.platform.core.Input;
import app.alongside.platform.core.RequestContext;
import app.alongside.platform.graphql.Nodes;
import app.alongside.platform.graphql.Wiring;
import graphql.schema.DataFetchingEnvironment;
import org.dataloader.DataLoader;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Wires {@code entitlements.graphqls}: the catalogue and Local Offers, a young person's entitlements and gaps. */
final class EntitlementsWiring {
    /** The schema's {@code EntitlementPayload}. */
    record EntitlementPayload(Entitlement entitlement) {
    }

    /** The schema's {@code ShareEntitlementGapPayload}. */
    record SharePayload(Gap gap) {
    }

    /** The domain's services, built by the module. */
    record Services(LocalOffers offers, ClaimsService claims, GapFigures figures) {
    }

    private EntitlementsWiring() {
    }

    static void register(Wiring wiring, Nodes nodes, Services services) {
        LocalOffers offers = services.offers();
        ClaimsService claims = services.claims();
        nodes.register(Entitlement.TYPE, (ids, context) -> entitlements(offers, ids),
                new Nodes.Stored(LocalEntitlementRepository.COLLECTION, null));
        nodes.register(EntitlementClaim.TYPE, (ids, context) -> claims.load(context, ids),
                new Nodes.Stored(ClaimRepository.COLLECTION, "ownerId"));
        wiring.fetcher("Query", "nationalEntitlements", env -> offers.national())
                .fetcher("Query", "localOffer", env -> offers.offer(env.getArgument("councilId")))
                .fetcher("Query", "myEntitlements", env -> claims.mine(RequestContext.of(env)))
                .fetcher("Query", "sharedEntitlements", env -> claims.shared(RequestContext.of(env),
                        env.getArgument("youngPersonId")))
                .fetcher("Query", "entitlementGapFigures", env -> services.figures().figures(RequestContext.of(env),
                        env.getArgument("councilId")))
                .fetcher("Mutation", "publishLocalEntitlement", env -> new EntitlementPayload(
                        offers.publish(RequestContext.of(env), Input.of(env))))
                .fetcher("Mutation", "reviseLocalEntitlement", env -> new EntitlementPayload(
                        offers.revise(RequestContext.of(env), Input.of(env))))
                .fetcher("Mutation", "withdrawLocalEntitlement", env -> new EntitlementPayload(
                        offers.withdraw(RequestContext.of(env), Input.of(env))))
                .fetcher("Mutation", "trackEntitlement", env -> claims.track(RequestContext.of(env), Input.of(env)))
                .fetcher("Mutation", "shareEntitlementGap", env -> new SharePayload(
                        claims.share(RequestContext.of(env), Input.of(env))));
        wiring.nodeType(Entitlement.TYPE, Entitlement.class, Entitlement::id)
                .fetcher(Entitlement.TYPE, "council", env -> {
                    String council = ((Entitlement) env.getSource()).councilId();
                    return council == null ? CompletableFuture.completedFuture(null) : organisation(env, council);
                })
                .nodeType(EntitlementClaim.TYPE, EntitlementClaim.class, EntitlementClaim::id)
                .fetcher(EntitlementClaim.TYPE, "entitlement", env -> offers.byKey(
                        ((EntitlementClaim) env.getSource()).entitlementKey()).orElse(null))
                .fetcher("LocalOffer", "council", env -> organisation(env,
                        ((LocalOffers.LocalOffer) env.getSource()).councilId()))
                .fetcher("EntitlementGapFigures", "council", env -> organisation(env,
                        ((GapFigures.Figures) env.getSource()).councilId()))
                .backedBy("EntitlementEligibility", Entitlement.Eligibility.class)
                .backedBy("EntitlementVersion", Entitlement.Version.class)
                .backedBy("LocalOffer", LocalOffers.LocalOffer.class)
                .backedBy("ApplicableEntitlement", Applicable.class)
                .backedBy("MyEntitlements", ClaimsService.MyEntitlements.class)
                .backedBy("ClaimChange", EntitlementClaim.Change.class)
                .backedBy("EntitlementGap", Gap.class)
                .backedBy("GapDraft", Gaps.Draft.class)
                .backedBy("SharedEntitlements", ClaimsService.Shared.class)
                .backedBy("GapCount", GapFigures.GapCount.class)
                .backedBy("SharedGap", GapFigures.SharedGap.class)
                .backedBy("EntitlementGapFigures", GapFigures.Figures.class)
                .backedBy("EntitlementPayload", EntitlementPayload.class)
                .backedBy("TrackEntitlementPayload", ClaimsService.Tracked.class)
                .backedBy("ShareEntitlementGapPayload", SharePayload.class);
    }

    private static Map<String, Object> entitlements(LocalOffers offers, List<String> ids) {
        Map<String, Object> found = new HashMap<>();
        ids.forEach(id -> offers.byId(id).ifPresent(e -> found.put(id, e)));
        return found;
    }

    private static CompletableFuture<Organisation> organisation(DataFetchingEnvironment env, String id) {
        DataLoader<String, Organisation> loader = env.getDataLoader(OrganisationsWiring.LOADER);
        return loader.load(id);
    }
}
