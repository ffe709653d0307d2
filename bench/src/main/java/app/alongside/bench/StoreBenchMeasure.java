package app.alongside.bench;

import app.alongside.bench.StoreBench.Cpu;
import app.alongside.bench.StoreBench.Knobs;
import app.alongside.bench.StoreBench.Row;
import app.alongside.bench.StoreBench.Run;
import app.alongside.bench.StoreBench.Scenario;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static app.alongside.bench.StoreBench.HTTP;
import static app.alongside.bench.StoreBench.JSON;
import static app.alongside.bench.StoreBench.PAGE;
import static app.alongside.bench.StoreBench.PEER;

/**
 * One measured run of the store bench: a check that the server answers what was seeded, then load.js driving it,
 * read into a {@link Row}; and the peer's row from its bench.js line.
 */
final class StoreBenchMeasure {
    private StoreBenchMeasure() {
    }

    /** Checks one answer of the store's server, then loads it. */
    static Row measure(Run run, Knobs knobs, StorePackagedServers servers, StoreBenchTokens tokens, Autocannon load,
                       Map<String, Long> otherPids) {
        Path usersFile = tokens.fresh(run.store());
        StorePackagedServers.Started server = servers.open(run);
        try {
            check(run, server.base(), tokens.first(run.store()), knobs.perUser());
            Map<String, Object> pids = new LinkedHashMap<>();
            pids.put("server", server.process().pid());
            pids.putAll(otherPids);
            Map<String, Object> plan = new LinkedHashMap<>();
            plan.put("url", server.base());
            plan.put("query", run.scenario().query());
            plan.put("variables", run.scenario().variables());
            plan.put("kind", run.scenario().kind());
            plan.put("connections", run.connections());
            plan.put("rate", run.scenario().rate());
            plan.put("warmup", knobs.warmup());
            plan.put("duration", knobs.duration());
            plan.put("usersFile", usersFile.toString());
            plan.put("expect", run.scenario().expect());
            plan.put("tag", "bench-" + Instant.now().toEpochMilli() + "-" + run.name());
            plan.put("pids", pids);
            return row(run, load.run(plan));
        } finally {
            servers.done(server);
        }
    }

    /** One request before loading: the seeded data is there and the answer is what load.js checks for. */
    private static void check(Run run, String base, StoreBenchTokens.User user, int perUser) {
        Scenario scenario = run.scenario();
        Map<String, Object> variables = scenario.kind().equals("send")
                ? Map.of("input", Map.of("threadId", user.thread(), "body", "Checking before the store bench",
                "clientMessageId", "check-" + Instant.now().toEpochMilli() + "-" + run.name()))
                : scenario.variables();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/graphql"))
                .header("Content-Type", "application/json").header("Accept", "application/graphql-response+json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.toJson(Map.of("query", scenario.query(),
                        "variables", variables))));
        if (!scenario.kind().equals("floor")) {
            request.header("Authorization", "Bearer " + user.token());
        }
        HttpResponse<String> response = Servers.send(HTTP, request.build());
        Map<?, ?> data = response.statusCode() == 200 && !response.body().contains("\"errors\"")
                ? (Map<?, ?>) JSON.fromJson(response.body(), Map.class).get("data") : null;
        boolean right = data != null && response.body().contains(scenario.expect()) && switch (scenario.name()) {
            case "newest20", "newest20paced" -> ((List<?>) at(data, "myRecords", "edges")).size()
                    == Math.min(PAGE, perUser);
            case "homeScreen" -> ((List<?>) at(data, "missionSummary", "missions")).stream()
                    .mapToInt(m -> ((Number) ((Map<?, ?>) m).get("recordCount")).intValue()).sum() == perUser;
            case "send" -> ((List<?>) at(data, "sendMessage", "userErrors")).isEmpty()
                    && ((Number) at(data, "sendMessage", "message", "sequence")).longValue() >= 1;
            default -> true;
        };
        if (!right) {
            throw new IllegalStateException(scenario.name() + " on the " + run.store() + " store does not answer "
                    + "what was seeded (HTTP " + response.statusCode() + "): " + response.body());
        }
    }

    private static Object at(Map<?, ?> map, String... path) {
        Object value = map;
        for (String key : path) {
            value = ((Map<?, ?>) value).get(key);
        }
        return value;
    }

    private static Row row(Run run, Map<String, Object> result) {
        Map<String, Cpu> cpu = new LinkedHashMap<>();
        ((Map<?, ?>) result.get("cpu")).forEach((name, value) -> {
            Map<?, ?> figures = (Map<?, ?>) value;
            cpu.put((String) name, new Cpu(number(figures.get("cores")), number(figures.get("ms_per_request"))));
        });
        long errors = (long) (number(result.get("errors")) + number(result.get("timeouts"))
                + Math.max(number(result.get("non2xx")), number(result.get("mismatches"))));
        return new Row(run.repeat(), run.scenario().name(), run.store(), run.connections(),
                (long) number(result.get("requests")), number(result.get("rps")), number(result.get("p50_ms")),
                number(result.get("p99_ms")), number(result.get("max_ms")), errors,
                (String) result.get("bad_sample"), cpu, number(result.get("loadgen_cores")),
                number(result.get("loadavg_1m")), number(result.get("machine_busy_pct")));
    }

    /** The peer's row, from its bench.js line: Parse is the server, PostgreSQL (its processes summed) the store. */
    static Row peerRow(int repeat, Scenario scenario, int connections, Knobs knobs, Peer peer) {
        Map<String, Object> r = peer.measure(scenario.peerName(), connections, knobs.warmup(), knobs.duration());
        long requests = (long) number(r.get("total"));
        List<?> cores = (List<?>) r.get("server_cpu_cores");
        double seconds = number(r.get("duration_s"));
        double parse = cores.isEmpty() ? Double.NaN : number(cores.getFirst());
        double postgres = number(r.get("postgres_cpu_seconds")) / seconds;
        Map<String, Cpu> cpu = new LinkedHashMap<>();
        cpu.put("server", new Cpu(parse, perRequest(parse, seconds, requests)));
        cpu.put("store", new Cpu(postgres, perRequest(postgres, seconds, requests)));
        long errors = (long) (number(r.get("non2xx")) + number(r.get("errors")) + number(r.get("timeouts")));
        return new Row(repeat, scenario.name(), PEER, connections, requests, number(r.get("rps")),
                number(r.get("p50_ms")), number(r.get("p99_ms")), number(r.get("max_ms")), errors, null, cpu,
                number(r.get("loadgen_cpu_cores")), ChildProcess.loadAverage(),
                number(r.get("machine_cpu_busy_pct")));
    }

    private static double perRequest(double cores, double seconds, long requests) {
        return requests == 0 ? Double.NaN : 1000 * cores * seconds / requests;
    }

    private static double number(Object value) {
        return value instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
