package app.alongside.bench;

import com.mongodb.client.MongoDatabase;
import io.helidon.webserver.http.Handler;

import java.net.http.HttpRequest;
import java.util.Map;

/**
 * One pair to compare: a GraphQL operation against the real server, and a bare Helidon route that does the same
 * MongoDB reads (same collection, filter, sort, limit and projection) and serializes the same JSON with Yasson.
 * Later issues add their pairs by implementing this and listing them in {@link Bench#SCENARIOS}.
 */
public interface Scenario {

    /** The two requests to send, each ready to be sent again and again. */
    record Requests(HttpRequest graphql, HttpRequest bare) {
    }

    /** A short name for the table and for {@code --scenarios}; also the bare route's path under {@code /bare/}. */
    String name();

    /** Settings the server must start with (environment-variable names), e.g. a bootstrap admin. */
    default Map<String, String> env() {
        return Map.of();
    }

    /** The bare side's route, reading {@code db}: the server it talks to and the driver are the App's own. */
    Handler bare(MongoDatabase db);

    /**
     * Seeds the data through the driver, signs in where the operation needs it, checks that both sides answer
     * the same data, and returns the requests to load.
     */
    Requests prepare(Servers servers);
}
