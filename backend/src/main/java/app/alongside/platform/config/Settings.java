package app.alongside.platform.config;

import io.helidon.config.Config;
import io.helidon.config.ConfigException;
import io.helidon.config.ConfigSources;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Configuration: the bundled {@code application.yaml} holds every key with its default, an optional file named
 * by {@code CONFIG_FILE} overrides it, and environment variables win over both. A key's environment variable is
 * the key in upper case with dots and dashes turned into underscores: {@code graphql.max-depth} is
 * {@code GRAPHQL_MAX_DEPTH}.
 */
public final class Settings {
    private final Config file;
    private final Map<String, String> env;
    private final String prefix;

    private Settings(Config file, Map<String, String> env, String prefix) {
        this.file = file;
        this.env = Map.copyOf(env);
        this.prefix = prefix;
    }

    /** Reads the bundled defaults, then {@code CONFIG_FILE} if set, with {@code env} winning. */
    public static Settings load(Map<String, String> env) {
        var builder = Config.builder().disableEnvironmentVariablesSource().disableSystemPropertiesSource();
        Optional<Path> external = externalFile(env);
        external.ifPresent(path -> builder.addSource(ConfigSources.file(path)));
        builder.addSource(ConfigSources.classpath("application.yaml"));
        try {
            return new Settings(builder.build(), env, "");
        } catch (ConfigException e) {
            Path path = external.orElseThrow(() -> e);
            throw new StartupException("CONFIG_FILE " + path + " is not a YAML file Alongside can read: "
                    + e.getMessage(), e);
        }
    }

    private static Optional<Path> externalFile(Map<String, String> env) {
        String name = env.get("CONFIG_FILE");
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        Path path = Path.of(name.trim()).toAbsolutePath();
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new StartupException("CONFIG_FILE " + path + " does not exist or cannot be read");
        }
        return Optional.of(path);
    }

    public static String envName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /**
     * The settings under {@code name} (a module's own node: {@code node("records").string("undo-window-minutes")}
     * reads {@code records.undo-window-minutes}, and errors name the whole key and its environment variable).
     */
    public Settings node(String name) {
        return new Settings(file, env, prefix + name + ".");
    }

    /** The value of {@code key}, or empty when neither the environment nor a file gives a non-blank one. */
    public Optional<String> get(String relative) {
        String key = prefix + relative;
        String fromEnv = env.get(envName(key));
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Optional.of(fromEnv.trim());
        }
        return file.get(key).asString().asOptional().map(String::trim).filter(s -> !s.isEmpty());
    }

    public String string(String relative) {
        String key = prefix + relative;
        return get(relative).orElseThrow(() -> new StartupException("configuration key " + key + " ("
                + envName(key) + ") must be set"));
    }

    public int integer(String relative, int min, int max) {
        String key = prefix + relative;
        String raw = string(relative);
        try {
            int value = Integer.parseInt(raw);
            if (value < min || value > max) {
                throw new StartupException(envName(key) + " must be between " + min + " and " + max + ", not " + raw);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new StartupException(envName(key) + " must be a whole number, not '" + raw + "'");
        }
    }

    public boolean bool(String relative) {
        String key = prefix + relative;
        String raw = string(relative).toLowerCase(Locale.ROOT);
        return switch (raw) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw new StartupException(envName(key) + " must be true or false, not '" + raw + "'");
        };
    }
}
