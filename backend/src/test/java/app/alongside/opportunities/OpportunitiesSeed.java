package app.alongside.opportunities;

import app.alongside.identity.LegalStatus;
import app.alongside.identity.YoungPerson;
import app.alongside.identity.YoungPersonRepository;
import app.alongside.platform.core.Ids;
import app.alongside.records.Mission;
import com.mongodb.client.MongoDatabase;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes many opportunities and young people straight into the store for load tests, through the repositories
 * the services use, so the documents are exactly what posting, approving and onboarding write.
 */
public final class OpportunitiesSeed {
    private static final String[] WORDS = {"nurse", "porter", "chef", "carpenter", "coder", "gardener", "baker",
        "mechanic", "teacher", "driver", "cleaner", "designer", "plumber", "electrician", "analyst", "mentor"};
    private static final String[] TOWNS = {"Leeds", "York", "Hull", "Bradford", "Sheffield", "Wakefield"};

    private final OpportunityRepository opportunities;
    private final YoungPersonRepository people;

    public OpportunitiesSeed(MongoDatabase db) {
        this.opportunities = new OpportunityRepository(db);
        this.people = new YoungPersonRepository(db);
    }

    /**
     * {@code count} approved opportunities of {@code organisationId}, open until after {@code today}: kinds,
     * missions, towns, words and age ranges cycle, and one in four is limited to {@code councilIds}.
     */
    public void opportunities(String organisationId, List<String> councilIds, int count, LocalDate today) {
        Instant now = Instant.now();
        Opportunity.Kind[] kinds = Opportunity.Kind.values();
        Mission[] missions = Mission.values();
        for (int i = 0; i < count; i++) {
            String word = WORDS[i % WORDS.length];
            int minAge = 16 + i % 4;
            Opportunity.Eligibility eligibility = new Opportunity.Eligibility(minAge, Math.min(25, minAge + 6 + i % 3),
                    List.of(), i % 4 == 0 ? councilIds : List.of(), List.of(),
                    Opportunity.Delivery.values()[i % Opportunity.Delivery.values().length]);
            opportunities.insert(new Opportunity(Ids.random(), organisationId, "Trainee " + word + " " + i,
                    "Learn to be a " + word + " with paid training and a mentor. Opportunity number " + i + ".",
                    Opportunity.TextFormat.PLAIN, List.of(missions[i % missions.length]), kinds[i % kinds.length],
                    eligibility, TOWNS[i % TOWNS.length], null, today.plusDays(1 + i % 120), 5,
                    "Apply online.", "jobs@example.org", Opportunity.Status.APPROVED, null, 2, now, now, now));
        }
    }

    /** {@code count} young people of {@code councilId} aged 19, signed in to the app (their account linked). */
    public List<String> youngPeople(String councilId, int count, LocalDate today) {
        List<String> ids = new ArrayList<>();
        Instant now = Instant.now();
        for (int i = 0; i < count; i++) {
            String id = Ids.random();
            people.insert(new YoungPerson(id, "Seeded", null, null, today.minusYears(19).minusDays(i % 300),
                    LegalStatus.FORMER_RELEVANT, councilId, null, YoungPerson.ContactPreferences.NONE,
                    "seeded-" + id, now, now), "seed");
            ids.add(id);
        }
        return ids;
    }

    /** Words every seeded title contains one of, for search queries. */
    public static List<String> words() {
        return List.of(WORDS);
    }
}
