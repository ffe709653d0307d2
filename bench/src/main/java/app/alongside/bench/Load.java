package app.alongside.bench;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Closed-loop load: {@code concurrency} workers on virtual threads each send one request (the same one, or each
 * their own) back-to-back through a fresh JDK client, over kept-alive HTTP/1.1 connections (one per worker once
 * warm). Everything sent during the warm-up is thrown away; the latency of every request started in the measured
 * period is kept.
 */
record Load(Duration warmup, Duration measure) {

    /** One worker's record. */
    private record Tally(long[] latencies, long errors, String firstError) {
    }

    /** Warm-up, then the measured period. */
    Figures run(HttpRequest request, int concurrency) {
        return run(Collections.nCopies(concurrency, request));
    }

    /** Warm-up, then the measured period, with one worker per request: each client sends its own. */
    Figures run(List<HttpRequest> perWorker) {
        return drive(perWorker, warmup, measure);
    }

    /** Only the warm-up, nothing kept: to get the JIT going on both sides before the first measured run. */
    void warmUp(HttpRequest request, int concurrency) {
        drive(Collections.nCopies(concurrency, request), warmup, Duration.ZERO);
    }

    private static Figures drive(List<HttpRequest> perWorker, Duration warm, Duration measured) {
        long measureFrom = System.nanoTime() + warm.toNanos();
        long measureTo = measureFrom + measured.toNanos();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
             HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(threads)
                     .build()) {
            List<Future<Tally>> workers = new ArrayList<>();
            for (HttpRequest request : perWorker) {
                workers.add(threads.submit(() -> work(client, request, measureFrom, measureTo)));
            }
            return combine(workers, measured);
        }
    }

    private static Tally work(HttpClient client, HttpRequest request, long measureFrom, long measureTo) {
        long[] latencies = new long[1024];
        int count = 0;
        long errors = 0;
        String firstError = null;
        for (long sent = System.nanoTime(); sent < measureTo; sent = System.nanoTime()) {
            String error = send(client, request);
            long took = System.nanoTime() - sent;
            if (error != null) {
                errors++;
                firstError = firstError == null ? error : firstError;
            } else if (sent >= measureFrom) {
                latencies = count == latencies.length ? Arrays.copyOf(latencies, count * 2) : latencies;
                latencies[count++] = took;
            }
        }
        return new Tally(Arrays.copyOf(latencies, count), errors, firstError);
    }

    /** Null when the server answered 200 without GraphQL errors, else what went wrong. */
    private static String send(HttpClient client, HttpRequest request) {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            boolean ok = response.statusCode() == 200 && !response.body().contains("\"errors\":");
            return ok ? null : response.statusCode() + " " + response.body();
        } catch (IOException e) {
            return e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private static Figures combine(List<Future<Tally>> workers, Duration measured) {
        List<Tally> tallies = new ArrayList<>();
        for (Future<Tally> worker : workers) {
            try {
                tallies.add(worker.get());
            } catch (ExecutionException e) {
                throw new IllegalStateException("a load worker failed", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        long[] all = tallies.stream().flatMapToLong(t -> Arrays.stream(t.latencies())).toArray();
        long errors = tallies.stream().mapToLong(Tally::errors).sum();
        String firstError = tallies.stream().map(Tally::firstError).filter(e -> e != null).findFirst().orElse(null);
        return Figures.of(all, measured, errors, firstError);
    }
}
