package app.alongside.platform;

import app.alongside.fixtures.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** HTTP/2 in clear text (h2c): the JDK's client upgrades a plain connection, as app HTTP stacks may. */
class Http2IT {
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void graphqlAnswersOverH2c() throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        HttpResponse<String> first = null;
        for (int i = 0; i < 2; i++) {
            first = client.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/graphql?query="
                    + "%7B%20apiInfo%20%7B%20schemaVersion%20%7D%20%7D")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        }
        assertEquals(HttpClient.Version.HTTP_2, first.version());
        assertEquals(200, first.statusCode());
        assertTrue(first.body().contains("schemaVersion"), first.body());
    }
}
