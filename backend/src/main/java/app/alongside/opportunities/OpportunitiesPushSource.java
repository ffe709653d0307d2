package app.alongside.opportunities;

import app.alongside.identity.YoungPersonRepository;
import app.alongside.organisations.OrganisationRepository;
import app.alongside.platform.core.GlobalIds;
import app.alongside.push.PushCategory;
import app.alongside.push.PushIntent;
import app.alongside.push.PushSource;
import org.bson.Document;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What the opportunities domain asks the push pipeline to send: a newly approved opportunity to every eligible
 * young person who uses the app (the pipeline keeps only those who opted in to opportunity notifications,
 * which are off by default), and a reminder two days before a saved opportunity closes. Ids only.
 */
public final class OpportunitiesPushSource {
    /** Payload kind of a new opportunity. */
    public static final String MATCH = "opportunity.match";
    /** Payload kind of a saved opportunity about to close. */
    public static final String CLOSING = "opportunity.closing";

    private OpportunitiesPushSource() {
    }

    public static List<PushSource> sources(OpportunityRepository opportunities, YoungPersonRepository people,
                                           OrganisationRepository organisations, Clock clock) {
        return List.of(PushSource.of(OpportunityRepository.COLLECTION,
                        doc -> approved(people, organisations, clock, doc)),
                PushSource.of(InterestRepository.SAVED, doc -> closing(opportunities, clock, doc)));
    }

    private static List<PushIntent> approved(YoungPersonRepository people, OrganisationRepository organisations,
                                             Clock clock, Document doc) {
        Opportunity o = OpportunityRepository.fromDocument(doc);
        LocalDate today = OpportunityPolicy.today(clock);
        if (!o.openOn(today)) {
            return List.of();
        }
        String id = GlobalIds.encode(Opportunity.TYPE, o.id());
        long sequence = o.approvedAt().getEpochSecond();
        return OpportunitySearch.eligibleYoungPeople(people, organisations, o, today).stream()
                .map(person -> new PushIntent("yp:" + person, PushCategory.OPPORTUNITIES, MATCH,
                        Map.of("opportunityId", id), PushIntent.collapseKey("opportunity", id), sequence)).toList();
    }

    private static List<PushIntent> closing(OpportunityRepository opportunities, Clock clock, Document doc) {
        LocalDate today = OpportunityPolicy.today(clock);
        return opportunities.find(doc.getString("opportunityId")).filter(o -> o.openOn(today))
                .map(o -> {
                    String id = GlobalIds.encode(Opportunity.TYPE, o.id());
                    return List.of(new PushIntent("yp:" + doc.getString("youngPersonId"), PushCategory.REMINDERS,
                            CLOSING, Map.of("opportunityId", id, "closingDate", o.closingDate().toString()),
                            PushIntent.collapseKey("closing", id), o.version()));
                }).orElse(List.of());
    }
}
