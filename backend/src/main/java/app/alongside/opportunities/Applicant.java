package app.alongside.opportunities;

import app.alongside.identity.LegalStatus;
import app.alongside.organisations.Region;

/** What eligibility looks at: a young person's age today, legal status, council and the council's region. */
record Applicant(int age, LegalStatus legalStatus, String councilId, Region region) {
    boolean eligibleFor(Opportunity o) {
        return o.eligibility().admits(age, legalStatus, councilId, region);
    }
}
