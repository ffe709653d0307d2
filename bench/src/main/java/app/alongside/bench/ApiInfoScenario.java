package app.alongside.bench;

import app.alongside.platform.graphql.PlatformWiring;
import com.mongodb.client.MongoDatabase;
import io.helidon.webserver.http.Handler;

import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The floor: {@code apiInfo} reads nothing from the store, so this pair measures only what GraphQL over HTTP
 * costs per request (parse-cache lookup, validation, execution, result map) against a handler writing the same
 * JSON.
 */
final class ApiInfoScenario implements Scenario {
    private static final String QUERY = "query ApiInfo { apiInfo { schemaVersion serverTime } }";

    @Override
    public String name() {
        return "apiInfo";
    }

    @Override
    public Handler bare(MongoDatabase db) {
        return (req, res) -> {
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("schemaVersion", PlatformWiring.SCHEMA_VERSION);
            info.put("serverTime", Instant.now().toString());
            Exchanges.sendData(res, Map.of("apiInfo", info));
        };
    }

    @Override
    public Requests prepare(Servers servers) {
        Requests requests = new Requests(
                Exchanges.graphql(servers.app("/graphql"), QUERY, Map.of()).build(),
                HttpRequest.newBuilder(servers.bare(name())).GET().build());
        Object graphql = Exchanges.data("graphql", servers.send(requests.graphql())).get("apiInfo");
        Object bare = Exchanges.data("bare", servers.send(requests.bare())).get("apiInfo");
        if (!((Map<?, ?>) graphql).get("schemaVersion").equals(((Map<?, ?>) bare).get("schemaVersion"))) {
            throw new IllegalStateException("the two sides disagree: " + graphql + " vs " + bare);
        }
        return requests;
    }
}
