package app.alongside.opportunities;

import app.alongside.identity.LegalStatus;
import app.alongside.kernel.OrganisationKind;
import app.alongside.organisations.Organisation;
import app.alongside.organisations.Region;
import app.alongside.platform.core.ApiException;
import app.alongside.platform.core.Input;
import app.alongside.records.Mission;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/** Reads and checks the fields of {@code createOpportunity} and {@code updateOpportunity}. */
final class OpportunityInput {
    static final int MIN_AGE = 16;
    static final int MAX_AGE = 25;
    private static final Pattern POSTCODE_DISTRICT = Pattern.compile("[A-Z]{1,2}[0-9][A-Z0-9]?");

    private final Input input;
    private final LocalDate today;
    private final Function<List<String>, Map<String, Organisation>> organisations;

    OpportunityInput(Input input, LocalDate today, Function<List<String>, Map<String, Organisation>> organisations) {
        this.input = input;
        this.today = today;
        this.organisations = organisations;
    }

    /** A new draft from every field, or an updated copy of {@code current} from the fields sent. */
    Opportunity apply(Opportunity current, String id, String organisationId, java.time.Instant now) {
        boolean creating = current == null;
        String title = creating || input.has("title") ? input.text("title", 1, 120) : current.title();
        String description = creating || input.has("description") ? input.text("description", 1, 5000)
                : current.description();
        Opportunity.TextFormat format = input.optionalEnum("descriptionFormat", Opportunity.TextFormat.class)
                .orElse(creating ? Opportunity.TextFormat.PLAIN : current.format());
        List<Mission> missions = creating || input.has("missions") ? missions() : current.missions();
        Opportunity.Kind kind = creating ? input.requiredEnum("kind", Opportunity.Kind.class)
                : input.optionalEnum("kind", Opportunity.Kind.class).orElse(current.kind());
        Opportunity.Eligibility eligibility = input.nested("eligibility").map(this::eligibility)
                .orElseGet(() -> creating ? null : current.eligibility());
        if (eligibility == null) {
            throw ApiException.badInput(input.at("eligibility"), "Required.");
        }
        String town = creating || input.has("town") ? input.optionalText("town", 80).orElse(null) : current.town();
        String district = creating || input.has("postcodeDistrict") ? district() : current.postcodeDistrict();
        LocalDate closing = input.optionalDate("closingDate").map(this::closingDate)
                .orElseGet(() -> creating ? null : current.closingDate());
        if (closing == null) {
            throw ApiException.badInput(input.at("closingDate"), "Required.");
        }
        Integer places = input.has("places") ? input.optionalInt("places", 1, 100_000).orElse(null)
                : creating ? null : current.places();
        String howToApply = creating || input.has("howToApply") ? input.text("howToApply", 1, 2000)
                : current.howToApply();
        String contact = creating || input.has("contact") ? input.text("contact", 1, 300) : current.contact();
        return new Opportunity(id, organisationId, title, description, format, missions, kind, eligibility, town,
                district, closing, places, howToApply, contact,
                creating ? Opportunity.Status.DRAFT : current.status(),
                creating ? null : current.rejectionReason(), creating ? 1 : current.version() + 1,
                creating ? now : current.createdAt(), now, creating ? null : current.approvedAt());
    }

    private List<Mission> missions() {
        @SuppressWarnings("unchecked")
        List<String> values = (List<String>) input.raw("missions");
        if (values == null || values.isEmpty() || values.size() > Mission.values().length) {
            throw ApiException.badInput(input.at("missions"), "Give between 1 and 5 missions.");
        }
        return values.stream().map(Mission::valueOf).distinct().toList();
    }

    private Opportunity.Eligibility eligibility(Input e) {
        int min = e.optionalInt("minAge", MIN_AGE, MAX_AGE).orElseThrow();
        int max = e.optionalInt("maxAge", MIN_AGE, MAX_AGE).orElseThrow();
        if (max < min) {
            throw ApiException.badInput(e.at("maxAge"), "Must not be under minAge.");
        }
        @SuppressWarnings("unchecked")
        List<String> statuses = Optional.ofNullable((List<String>) e.raw("legalStatuses")).orElse(List.of());
        List<String> councils = e.optionalIds("councilIds", Organisation.TYPE, 50).orElse(List.of());
        Map<String, Organisation> found = councils.isEmpty() ? Map.of() : organisations.apply(councils);
        for (String council : councils) {
            Organisation organisation = found.get(council);
            if (organisation == null || organisation.kind() != OrganisationKind.LOCAL_AUTHORITY) {
                throw ApiException.badInput(e.at("councilIds"), "Every id must be a council's.");
            }
        }
        @SuppressWarnings("unchecked")
        List<String> regions = Optional.ofNullable((List<String>) e.raw("regions")).orElse(List.of());
        return new Opportunity.Eligibility(min, max, statuses.stream().map(LegalStatus::valueOf).distinct().toList(),
                councils, regions.stream().map(Region::valueOf).distinct().toList(),
                e.requiredEnum("delivery", Opportunity.Delivery.class));
    }

    private String district() {
        Optional<String> value = input.optionalText("postcodeDistrict", 8)
                .map(text -> text.toUpperCase(Locale.ROOT).replace(" ", ""));
        if (value.isPresent() && !POSTCODE_DISTRICT.matcher(value.get()).matches()) {
            throw ApiException.badInput(input.at("postcodeDistrict"),
                    "Give the postcode district only, such as LS1 or SW1A, never a full postcode.");
        }
        return value.orElse(null);
    }

    private LocalDate closingDate(LocalDate date) {
        if (date.isBefore(today)) {
            throw ApiException.badInput(input.at("closingDate"), "Must not be in the past.");
        }
        if (date.isAfter(today.plusYears(2))) {
            throw ApiException.badInput(input.at("closingDate"), "Must be within two years.");
        }
        return date;
    }

    static boolean isPostcodeDistrict(String text) {
        return POSTCODE_DISTRICT.matcher(text.toUpperCase(Locale.ROOT).replace(" ", "")).matches();
    }
}
