package app.alongside.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static app.alongside.bench.StoreBench.JSON;
import static app.alongside.bench.StoreBench.TOKEN_REFRESH;

/** The ID tokens of the young people, fresh enough, written per store with their threads for load.js. */
final class StoreBenchTokens {
    record User(String token, String thread) {
    }

    private final EmulatorAccounts emulator;
    private final List<EmulatorAccounts.Account> accounts;
    private final Map<String, List<StoreSeed.Seeded>> seeded;
    private final Path dir;
    private final Map<String, User> first = new HashMap<>();
    private Instant signedIn = Instant.MIN;

    StoreBenchTokens(EmulatorAccounts emulator, List<EmulatorAccounts.Account> accounts,
           Map<String, List<StoreSeed.Seeded>> seeded, Path dir) {
        this.emulator = emulator;
        this.accounts = accounts;
        this.seeded = seeded;
        this.dir = dir;
    }

    /** The users file of {@code store}, signing everyone in again first when the tokens are getting old. */
    Path fresh(String store) {
        if (Duration.between(signedIn, Instant.now()).compareTo(TOKEN_REFRESH) > 0) {
            List<String> tokens = emulator.idTokens(accounts);
            seeded.forEach((name, people) -> {
                List<Map<String, String>> users = new ArrayList<>();
                for (int i = 0; i < people.size(); i++) {
                    users.add(Map.of("token", tokens.get(i), "thread", people.get(i).threadGlobalId()));
                }
                first.put(name, new User(tokens.getFirst(), people.getFirst().threadGlobalId()));
                try {
                    Files.writeString(file(name), JSON.toJson(users));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            signedIn = Instant.now();
        }
        return file(store);
    }

    User first(String store) {
        return first.get(store);
    }

    private Path file(String store) {
        return dir.resolve("data/users-" + store + ".json");
    }
}
