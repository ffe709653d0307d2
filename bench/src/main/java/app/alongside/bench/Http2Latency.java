package app.alongside.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One request at a time to the packaged server (its own process, the embedded default store), over HTTP/1.1 and
 * over HTTP/2 in the clear (the JDK client upgrades its first request, as app stacks negotiate h2 by ALPN over
 * TLS): the latency an app sees for the cheapest request, {@code { apiInfo { schemaVersion } }}, with nothing else
 * running. An HTTP/2 answer is written as several frames, so this is where Nagle's algorithm on the server's
 * sockets shows (about 40 ms a request, the peer's delayed ACK). Exits 1 on a wrong answer.
 */
public final class Http2Latency {
    private static final String QUERY = "/graphql?query=%7B%20apiInfo%20%7B%20schemaVersion%20%7D%20%7D";

    private Http2Latency() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int measured = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        // Every request comes from 127.0.0.1, whose packaged limit (600 a minute per address) would refuse most.
        try (PackagedServer server = PackagedServer.start(PackagedServer.DEFAULT, "http2-latency",
                Map.of("RATE_LIMIT_GRAPHQL_PER_MINUTE", "1000000"))) {
            System.out.printf(Locale.ROOT, "Alongside request latency by HTTP version: %s, one request at a time, "
                            + "%,d warm-up + %,d measured each, Java %s, %d cores%n", server.description(), warmup,
                    measured, Runtime.version(), Runtime.getRuntime().availableProcessors());
            for (HttpClient.Version version : List.of(HttpClient.Version.HTTP_1_1, HttpClient.Version.HTTP_2)) {
                HttpClient client = HttpClient.newBuilder().version(version).build();
                HttpRequest request = HttpRequest.newBuilder(URI.create(server.base() + QUERY)).build();
                long[] latencies = new long[measured];
                HttpClient.Version spoken = null;
                for (int i = 0; i < warmup + measured; i++) {
                    long started = System.nanoTime();
                    HttpResponse<String> reply = client.send(request, HttpResponse.BodyHandlers.ofString());
                    long took = System.nanoTime() - started;
                    if (reply.statusCode() != 200 || !reply.body().contains("schemaVersion")) {
                        System.err.println("wrong answer: " + reply.statusCode() + " " + reply.body());
                        System.exit(1);
                    }
                    spoken = reply.version();
                    if (i >= warmup) {
                        latencies[i - warmup] = took;
                    }
                }
                Arrays.sort(latencies);
                System.out.printf(Locale.ROOT, "%-8s (answered over %s): p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, "
                                + "max %.2f ms%n", version, spoken, at(latencies, 0.50), at(latencies, 0.90),
                        at(latencies, 0.99), latencies[latencies.length - 1] / 1e6);
            }
        }
    }

    private static double at(long[] sorted, double p) {
        return sorted[Math.max((int) Math.ceil(p * sorted.length), 1) - 1] / 1e6;
    }
}
