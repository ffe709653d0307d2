package app.alongside.entitlements;

import app.alongside.audit.AuditModule;
import app.alongside.identity.IdentityModule;
import app.alongside.organisations.OrganisationsModule;
import app.alongside.platform.Foundation;
import app.alongside.platform.Module;
import app.alongside.platform.core.ErasableData;
import app.alongside.platform.core.PersonalDataSection;
import app.alongside.platform.core.Periodic;
import app.alongside.platform.graphql.GraphParts;
import app.alongside.platform.store.IndexPlan;
import app.alongside.push.PushCategory;
import app.alongside.push.PushIntent;
import app.alongside.push.PushSource;
import app.alongside.records.RecordsModule;
import org.bson.Document;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The entitlements domain (settings node {@code entitlements}): the national catalogue, councils' Local Offers,
 * what each young person is owed worked out from their own records, their claims, gap alerts (pushed once when a
 * gap opens, under {@code ENTITLEMENT_GAPS}, off by default) and the council's suppressed gap figures. A sweep
 * every {@code sweep-interval-hours} (24 by default) notices gaps that open with time.
 */
public final class EntitlementsModule implements Module {
    /** The payload kind of a gap alert; its JSON Schema is in mobile-contracts. */
    public static final String PUSH_KIND = "entitlement.gap";
    /** The collections this domain stores, for the retention rules. */
    public static final List<String> COLLECTIONS = List.of(LocalEntitlementRepository.COLLECTION,
            ClaimRepository.COLLECTION, GapRepository.COLLECTION);

    private final EntitlementsWiring.Services services;
    private final List<PersonalDataSection> export;
    private final List<ErasableData> erasable;
    private final Periodic sweep;

    public EntitlementsModule(Foundation foundation, IdentityModule identity, OrganisationsModule organisations,
                              AuditModule audit, RecordsModule records) {
        var settings = foundation.settings().node("entitlements");
        ClaimRepository claims = new ClaimRepository(foundation.db());
        GapRepository gaps = new GapRepository(foundation.db());
        LocalOffers offers = new LocalOffers(new NationalCatalogue(), new LocalEntitlementRepository(foundation.db()),
                identity.policy(), organisations::find, audit.log(), foundation.clock());
        Situations situations = new Situations(records::liveRecords, claims::ofOwner);
        ClaimsService claimsService = new ClaimsService(offers, claims, gaps, situations, identity.policy(),
                identity.people()::findById, audit.log(), foundation.clock());
        GapFigures figures = new GapFigures(claimsService, situations, gaps, identity.people(), identity.policy(),
                offers, audit.log(), foundation.clock());
        this.services = new EntitlementsWiring.Services(offers, claimsService, figures);
        this.export = List.of(PersonalDataSection.of("entitlements", id -> new Document("claims", claims.export(id))
                .append("gaps", gaps.export(id))));
        this.erasable = List.of(ErasableData.of("entitlementClaims", claims::deleteOwnedBy),
                ErasableData.of("entitlementGaps", gaps::delete));
        this.sweep = new Periodic("entitlement-gaps-sweep", Duration.ofHours(settings.integer(
                "sweep-interval-hours", 1, 24 * 7)), figures::sweep);
    }

    /** The gap alert pushes: one per gap that opened, carrying its kind only. */
    public List<PushSource> pushSources() {
        return List.of(PushSource.of(GapRepository.COLLECTION, doc -> doc.getList("newlyOpened", String.class,
                List.of()).stream().map(kind -> new PushIntent("yp:" + doc.getString("_id"),
                PushCategory.ENTITLEMENT_GAPS, PUSH_KIND, Map.of("gap", kind), PushIntent.collapseKey("gap",
                doc.getString("_id") + kind), doc.getDate("checkedAt").getTime())).toList()));
    }

    @Override
    public List<IndexPlan> indexes() {
        List<IndexPlan> indexes = new ArrayList<>(LocalEntitlementRepository.indexes());
        indexes.addAll(ClaimRepository.indexes());
        indexes.addAll(GapRepository.indexes());
        return indexes;
    }

    @Override
    public List<PersonalDataSection> exportSections() {
        return export;
    }

    /** Erases a young person's claims with their history, their gap shares and the alerts sent. */
    @Override
    public List<ErasableData> erasable() {
        return erasable;
    }

    @Override
    public void wire(GraphParts graph) {
        EntitlementsWiring.register(graph.wiring(), graph.nodes(), services);
    }

    @Override
    public void storeReady() {
        sweep.start();
    }

    @Override
    public void close() {
        sweep.close();
    }
}
