package app.alongside.platform.http;

import app.alongside.fixtures.TestServer;
import com.aayushatharva.brotli4j.decoder.Decoder;
import graphql.introspection.IntrospectionQuery;
import jakarta.json.bind.JsonbBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Responses over 1 KB are compressed with brotli or gzip, as the client prefers; small ones and clients that accept
 * neither get them as they are.
 */
class CompressionIT {
    /** HTTP/1.1, where a body's framing (its length) is the server's to get right; HTTP/2 frames it itself. */
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aLargeGraphqlAnswerIsGzippedAndDecompressesToTheSameJson() {
        String body = JsonbBuilder.create().toJson(Map.of("query", IntrospectionQuery.INTROSPECTION_QUERY));
        HttpResponse<byte[]> plain = post(body, null);
        HttpResponse<byte[]> gzipped = post(body, "br;q=0.5, gzip;q=0.8, *;q=0.1");
        assertEquals(200, gzipped.statusCode());
        assertEquals("gzip", gzipped.headers().firstValue("Content-Encoding").orElse(null));
        assertTrue(gzipped.headers().allValues("Vary").toString().contains("Accept-Encoding"));
        String unzipped = gunzip(gzipped.body());
        assertTrue(unzipped.startsWith("{\"data\":{\"__schema\""), unzipped.substring(0, 40));
        assertEquals(new String(plain.body(), StandardCharsets.UTF_8).length(), unzipped.length());
        assertTrue(gzipped.body().length * 4 < plain.body().length, "gzip shrinks the schema at least fourfold: "
                + plain.body().length + " -> " + gzipped.body().length);
        assertFalse(plain.headers().firstValue("Content-Encoding").isPresent());
    }

    @Test
    void aClientThatPrefersBrotliGetsBrotli() throws IOException {
        String body = JsonbBuilder.create().toJson(Map.of("query", IntrospectionQuery.INTROSPECTION_QUERY));
        HttpResponse<byte[]> plain = post(body, null);
        HttpResponse<byte[]> brotli = post(body, "gzip, deflate, br");
        assertEquals("br", brotli.headers().firstValue("Content-Encoding").orElse(null));
        byte[] decoded = Decoder.decompress(brotli.body()).getDecompressedData();
        assertEquals(plain.body().length, decoded.length);
        assertTrue(new String(decoded, StandardCharsets.UTF_8).startsWith("{\"data\":{\"__schema\""));
        assertTrue(brotli.body().length * 5 < plain.body().length, plain.body().length + " -> "
                + brotli.body().length);
    }

    @Test
    void aSmallAnswerOrARefusedCodingIsSentAsItIs() {
        String small = "{\"query\":\"{ apiInfo { schemaVersion } }\"}";
        HttpResponse<byte[]> reply = post(small, "gzip");
        assertFalse(reply.headers().firstValue("Content-Encoding").isPresent());
        assertEquals(reply.body().length, reply.headers().firstValueAsLong("Content-Length").orElse(-1));
        String big = JsonbBuilder.create().toJson(Map.of("query", IntrospectionQuery.INTROSPECTION_QUERY));
        for (String refused : new String[] {"gzip;q=0", "identity", "deflate", "*;q=0"}) {
            assertFalse(post(big, refused).headers().firstValue("Content-Encoding").isPresent(), refused);
        }
    }

    @Test
    void theConsoleScriptIsCompressed() throws IOException {
        HttpResponse<byte[]> script = send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/console/console.js"))
                .header("Accept-Encoding", "gzip").GET().build());
        assertEquals(200, script.statusCode());
        assertEquals("gzip", script.headers().firstValue("Content-Encoding").orElse(null));
        assertTrue(gunzip(script.body()).contains("import"), "the console's own script, unzipped");
        HttpResponse<byte[]> brotli = send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/console/console.js"))
                .header("Accept-Encoding", "br").timeout(java.time.Duration.ofSeconds(10)).GET().build());
        assertEquals("br", brotli.headers().firstValue("Content-Encoding").orElse(null));
        assertTrue(new String(Decoder.decompress(brotli.body()).getDecompressedData(), StandardCharsets.UTF_8)
                .contains("import"), "the console's own script, decoded");
    }

    private static HttpResponse<byte[]> post(String body, String acceptEncoding) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/graphql"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (acceptEncoding != null) {
            request.header("Accept-Encoding", acceptEncoding);
        }
        return send(request.build());
    }

    private static HttpResponse<byte[]> send(HttpRequest request) {
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String gunzip(byte[] bytes) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
