package app.alongside.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * How long and how hard to run: {@code --warmup=5 --measure=10} (seconds, fractions allowed),
 * {@code --concurrency=1,16,64} (not for {@code homeScreen}, which has its own number of clients) and
 * {@code --scenarios=all} or a comma-separated list of scenario names.
 */
record Options(Duration warmup, Duration measure, List<Integer> concurrency, List<String> scenarios) {
    static final Options DEFAULTS = new Options(Duration.ofSeconds(5), Duration.ofSeconds(10), List.of(1, 16, 64),
            List.of("all"));

    static Options parse(String... args) {
        Options options = DEFAULTS;
        for (String arg : args) {
            String[] pair = arg.split("=", 2);
            if (pair.length != 2 || !pair[0].startsWith("--")) {
                throw new IllegalArgumentException("expected --name=value, got " + arg);
            }
            options = options.with(pair[0].substring(2), pair[1].trim());
        }
        return options;
    }

    private Options with(String name, String value) {
        return switch (name) {
            case "warmup" -> new Options(seconds(value), measure, concurrency, scenarios);
            case "measure" -> new Options(warmup, seconds(value), concurrency, scenarios);
            case "concurrency" -> new Options(warmup, measure, list(value).stream().map(Integer::valueOf).toList(),
                    scenarios);
            case "scenarios" -> new Options(warmup, measure, concurrency, list(value));
            default -> throw new IllegalArgumentException("unknown option --" + name
                    + " (known: warmup, measure, concurrency, scenarios)");
        };
    }

    /** The GraphQL-against-bare pairs asked for, in the harness's order. */
    List<Scenario> chosen(List<Scenario> all) {
        if (scenarios.contains("all")) {
            return all;
        }
        List<String> known = Stream.concat(all.stream().map(Scenario::name),
                Stream.of(HomeScreen.NAME, OpportunitiesBench.NAME)).toList();
        scenarios.stream().filter(name -> !known.contains(name)).findFirst().ifPresent(name -> {
            throw new IllegalArgumentException("unknown scenario " + name + " (known: " + known + ")");
        });
        return all.stream().filter(s -> scenarios.contains(s.name())).toList();
    }

    /** Whether the scenario called {@code name} was asked for, by name or with {@code all}. */
    boolean wants(String name) {
        return scenarios.contains("all") || scenarios.contains(name);
    }

    private static Duration seconds(String value) {
        return Duration.ofMillis(Math.round(Double.parseDouble(value) * 1000));
    }

    private static List<String> list(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
