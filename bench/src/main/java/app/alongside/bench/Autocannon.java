package app.alongside.bench;

import app.alongside.fixtures.NodeProject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The load generator: autocannon 8.0.0 (npm, as the Parse peer's bench uses) driven by {@code load.js}, in node,
 * a process of its own. Installed with {@code npm ci} into the bench's work folder from the pinned
 * {@code package.json} and {@code package-lock.json} shipped with the bench; one run per {@link #run} call.
 */
final class Autocannon {
    private static final List<String> FILES = List.of("package.json", "package-lock.json", "load.js");
    private static final Jsonb JSON = JsonbBuilder.create();

    private final NodeProject project;

    private Autocannon(NodeProject project) {
        this.project = project;
    }

    static Autocannon install(Path dir) {
        try {
            Files.createDirectories(dir);
            for (String file : FILES) {
                try (InputStream in = Autocannon.class.getResourceAsStream("/store-bench/" + file)) {
                    if (in == null) {
                        throw new IllegalStateException("the bench jar lacks store-bench/" + file);
                    }
                    Files.copy(in, dir.resolve(file), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Autocannon(new NodeProject(dir).install("autocannon"));
    }

    /**
     * Runs one plan (see {@code load.js}: url, query, variables, kind, connections, warmup, duration, usersFile,
     * expect, tag, pids) and answers its result line.
     */
    Map<String, Object> run(Map<String, Object> plan) {
        try {
            Path file = Files.createTempFile(project.dir(), "plan-", ".json");
            try {
                Files.writeString(file, JSON.toJson(plan));
                long seconds = ((Number) plan.get("warmup")).longValue() + ((Number) plan.get("duration")).longValue();
                NodeProject.Result result = project.run(Duration.ofSeconds(seconds + 120), "node",
                        project.dir().resolve("load.js").toString(), file.toString());
                String line = result.output().lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b)
                        .orElse(null);
                if (result.exitCode() != 0 || line == null) {
                    throw new IllegalStateException("load.js failed (exit " + result.exitCode() + "):\n"
                            + result.output());
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> parsed = JSON.fromJson(line, Map.class);
                return parsed;
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
