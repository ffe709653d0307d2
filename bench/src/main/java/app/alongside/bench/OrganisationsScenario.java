package app.alongside.bench;

import app.alongside.fixtures.TestServer;
import app.alongside.kernel.OrganisationKind;
import app.alongside.organisations.CorporateParentSector;
import app.alongside.organisations.Organisation;
import app.alongside.organisations.OrganisationRepository;
import app.alongside.platform.core.Ids;
import app.alongside.platform.http.RateLimiter;
import com.mongodb.client.MongoDatabase;
import io.helidon.webserver.http.Handler;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The console's organisation list: an admin signed in with the session cookie and CSRF header reads the newest
 * {@value #PAGE} of {@value #SEEDED} seeded organisations (plus the platform operator). The bare side is
 * {@link BareOrganisations}: the same session, staff and organisation reads, the same page read, the same JSON.
 */
final class OrganisationsScenario implements Scenario {
    static final int SEEDED = 50;
    static final int PAGE = 50;
    /** The App's per-address and per-account GraphQL limit, raised so that only the work is measured. */
    static final int REQUESTS_PER_MINUTE = 1_000_000;
    private static final String QUERY = "query Organisations($first: Int) { organisations(first: $first) "
            + "{ edges { node { id name kind } } } }";
    private static final List<OrganisationKind> KINDS = List.of(OrganisationKind.LOCAL_AUTHORITY,
            OrganisationKind.ADVOCACY_SERVICE, OrganisationKind.CORPORATE_PARENT);

    @Override
    public String name() {
        return "organisations";
    }

    @Override
    public Map<String, String> env() {
        return Map.of("RATE_LIMIT_GRAPHQL_PER_MINUTE", String.valueOf(REQUESTS_PER_MINUTE));
    }

    @Override
    public Handler bare(MongoDatabase db) {
        return new BareOrganisations(db, new RateLimiter("bare", REQUESTS_PER_MINUTE, Duration.ofMinutes(1)));
    }

    @Override
    public Requests prepare(Servers servers) {
        seed(new OrganisationRepository(servers.db()));
        SignIn signIn = signIn(servers);
        Requests requests = new Requests(
                Exchanges.graphql(servers.app("/graphql"), QUERY, Map.of("first", PAGE))
                        .header("Cookie", signIn.cookie()).header("X-CSRF-Token", signIn.csrf()).build(),
                HttpRequest.newBuilder(servers.bare(name() + "?first=" + PAGE)).GET()
                        .header("Cookie", signIn.cookie()).header("X-CSRF-Token", signIn.csrf()).build());
        Map<String, Object> graphql = Exchanges.data("graphql", servers.send(requests.graphql()));
        Map<String, Object> bare = Exchanges.data("bare", servers.send(requests.bare()));
        Object edges = ((Map<?, ?>) graphql.get("organisations")).get("edges");
        if (!graphql.equals(bare) || ((List<?>) edges).size() != PAGE) {
            throw new IllegalStateException("the sides disagree or the page is not full:\n" + graphql + "\n" + bare);
        }
        return requests;
    }

    /** Through the App's repository, so the documents have exactly the shape the App writes. */
    private static void seed(OrganisationRepository repository) {
        Instant start = Instant.now().minus(Duration.ofDays(1));
        for (int i = 1; i <= SEEDED; i++) {
            OrganisationKind kind = KINDS.get(i % KINDS.size());
            CorporateParentSector sector = kind == OrganisationKind.CORPORATE_PARENT ? CorporateParentSector.EMPLOYER
                    : null;
            Instant created = start.plusSeconds(60L * i);
            repository.insert(new Organisation(Ids.random(), "Bench organisation %02d".formatted(i), kind, sector,
                    null, List.of(), true, created, created));
        }
    }

    private record SignIn(String cookie, String csrf) {
    }

    /** The bootstrap admin signs in through {@code POST /auth/login}, as the console does. */
    private static SignIn signIn(Servers servers) {
        String body = Exchanges.JSON.write(Map.of("email", TestServer.ADMIN_EMAIL,
                "password", TestServer.ADMIN_PASSWORD));
        HttpResponse<String> reply = servers.send(HttpRequest.newBuilder(servers.app("/auth/login"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
        String setCookie = reply.headers().firstValue("Set-Cookie").orElseThrow(() -> new IllegalStateException(
                "sign-in failed: " + reply.statusCode() + " " + reply.body()));
        Object csrf = Exchanges.object(reply.body()).get("csrfToken");
        return new SignIn(setCookie.substring(0, setCookie.indexOf(';')), (String) csrf);
    }
}
