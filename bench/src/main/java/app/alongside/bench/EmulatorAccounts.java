package app.alongside.bench;

import app.alongside.fixtures.AuthEmulator;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

/**
 * Young people's Firebase accounts on the Auth emulator, through its REST API as an app's SDK would use it: sign-up
 * once (the uid is what the store links), sign-in again for a fresh ID token when a run outlasts the hour a token
 * lives. A few calls at a time, since the emulator is one node process on the same cores.
 */
final class EmulatorAccounts {
    private static final String PASSWORD = "not-a-real-secret-1";
    private static final int AT_ONCE = 8;
    private static final Jsonb JSON = JsonbBuilder.create();

    /** One account: its e-mail (to sign in again) and its uid. */
    record Account(String email, String uid) {
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** Signs up {@code count} new accounts, in order. */
    List<Account> signUp(int count) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<Integer> numbers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            numbers.add(i);
        }
        return each(numbers, i -> {
            String email = "bench-" + run + "-" + i + "@example.test";
            Map<?, ?> reply = post("accounts:signUp", email);
            return new Account(email, (String) reply.get("localId"));
        });
    }

    /** A fresh ID token for each account, in order. */
    List<String> idTokens(List<Account> accounts) {
        return each(accounts, a -> (String) post("accounts:signInWithPassword", a.email()).get("idToken"));
    }

    private <T, R> List<R> each(List<T> items, Function<T, R> call) {
        Semaphore permits = new Semaphore(AT_ONCE);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<R>> futures = new ArrayList<>();
            for (T item : items) {
                futures.add(threads.submit(() -> {
                    permits.acquire();
                    try {
                        return call.apply(item);
                    } finally {
                        permits.release();
                    }
                }));
            }
            List<R> results = new ArrayList<>();
            for (Future<R> future : futures) {
                results.add(future.get());
            }
            return results;
        } catch (ExecutionException e) {
            throw new IllegalStateException("an Auth emulator call failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Map<?, ?> post(String method, String email) {
        URI uri = URI.create("http://" + AuthEmulator.HOST + "/identitytoolkit.googleapis.com/v1/" + method
                + "?key=fake-api-key");
        String body = JSON.toJson(Map.of("email", email, "password", PASSWORD, "returnSecureToken", true));
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("the Auth emulator answered " + method + " with "
                        + response.statusCode() + ": " + response.body());
            }
            return JSON.fromJson(response.body(), Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
