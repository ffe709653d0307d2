package app.alongside.bench;

import app.alongside.fixtures.TestServer;
import app.alongside.platform.http.HttpFilters;
import app.alongside.platform.store.Store;
import com.mongodb.client.MongoDatabase;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The two servers under load, both in this process and on 127.0.0.1: the real App (through the test fixture,
 * against an in-memory mongo-java-server over the real driver) and a bare Helidon server with one route per
 * scenario, reading the same database through its own client built the App's way ({@link Store#connect}). The
 * bare server has the App's filters (request ids, security headers, CORS) so that only GraphQL differs.
 */
public final class Servers implements AutoCloseable {
    private final TestServer app;
    private final Store store;
    private final WebServer bare;
    private final HttpClient setupClient = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private Servers(TestServer app, Store store, WebServer bare) {
        this.app = app;
        this.store = store;
        this.bare = bare;
    }

    public static Servers start(List<Scenario> scenarios) {
        Map<String, String> env = new HashMap<>();
        scenarios.forEach(s -> env.putAll(s.env()));
        TestServer app = TestServer.start(env).ready();
        Store store = Store.connect(app.mongoUri(), app.app().store().db().getName());
        HttpRouting.Builder routing = HttpRouting.builder()
                .addFilter(HttpFilters.requestIds())
                .addFilter(HttpFilters.securityHeaders())
                .addFilter(HttpFilters.cors(Set.of()));
        scenarios.forEach(s -> routing.get("/bare/" + s.name(), s.bare(store.db())));
        WebServer bare = WebServer.builder().host("127.0.0.1").port(0).shutdownHook(false)
                .routing(routing).build().start();
        return new Servers(app, store, bare);
    }

    public MongoDatabase db() {
        return store.db();
    }

    public URI app(String path) {
        return URI.create(app.baseUrl() + path);
    }

    public URI bare(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + bare.port() + "/bare/" + pathAndQuery);
    }

    /** Sends one request outside the measurement (sign-in, checks). */
    public HttpResponse<String> send(HttpRequest request) {
        return send(setupClient, request);
    }

    /** Sends one set-up request with {@code client}, its failures unchecked: set-up either works or ends the run. */
    static HttpResponse<String> send(HttpClient client, HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() {
        bare.stop();
        store.close();
        setupClient.close();
        app.close();
    }
}
