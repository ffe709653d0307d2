package app.alongside.platform.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bundled defaults, CONFIG_FILE over them, environment variables over both. */
class SettingsTest {
    @TempDir
    Path dir;

    @Test
    void bundledDefaultsApplyWhenNothingElseIsSet() {
        Settings settings = Settings.load(Map.of());
        assertEquals(8080, settings.integer("port", 0, 65535));
        assertTrue(settings.bool("graphql.introspection"));
        assertEquals(Optional.empty(), settings.get("mongodb.uri"));
    }

    @Test
    void environmentWinsOverTheBundledFile() {
        Settings settings = Settings.load(Map.of("GRAPHQL_MAX_DEPTH", " 7 ", "GRAPHQL_INTROSPECTION", "off"));
        assertEquals(7, settings.integer("graphql.max-depth", 2, 100));
        assertFalse(settings.bool("graphql.introspection"));
    }

    @Test
    void configFileOverridesTheDefaultsAndTheEnvironmentOverridesIt() throws IOException {
        Path file = write("alongside.yaml",
                "graphql:\n  max-depth: 9\n  max-aliases: 3\nmongodb:\n  database: other\n");
        Settings fromFile = Settings.load(Map.of("CONFIG_FILE", file.toString()));
        assertEquals(9, fromFile.integer("graphql.max-depth", 2, 100));
        assertEquals("other", fromFile.string("mongodb.database"));
        assertEquals(10000, fromFile.integer("graphql.max-cost", 10, 1_000_000), "keys the file lacks keep defaults");
        Settings both = Settings.load(Map.of("CONFIG_FILE", file.toString(), "GRAPHQL_MAX_DEPTH", "5"));
        assertEquals(5, both.integer("graphql.max-depth", 2, 100));
        assertEquals(3, both.integer("graphql.max-aliases", 0, 1000));
    }

    @Test
    void blankEnvironmentVariableCountsAsUnset() throws IOException {
        Path file = write("alongside.yaml", "mongodb:\n  uri: mongodb://db.internal/\ngraphql:\n  max-depth: 9\n");
        Settings settings = Settings.load(Map.of("CONFIG_FILE", file.toString(), "MONGODB_URI", "  ",
                "GRAPHQL_MAX_DEPTH", "", "CORS_ALLOWED_ORIGINS", " "));
        assertEquals(Optional.of("mongodb://db.internal/"), settings.get("mongodb.uri"));
        assertEquals(9, settings.integer("graphql.max-depth", 2, 100));
        assertEquals(Optional.empty(), settings.get("cors.allowed-origins"));
        assertEquals(Optional.empty(), Settings.load(Map.of("MONGODB_URI", "")).get("mongodb.uri"));
        assertEquals(8080, Settings.load(Map.of("CONFIG_FILE", " ")).integer("port", 0, 65535));
    }

    @Test
    void badIntegerNamesTheEnvironmentVariable() {
        Settings settings = Settings.load(Map.of("GRAPHQL_MAX_DEPTH", "deep", "PORT", "70000"));
        StartupException notNumber = assertThrows(StartupException.class,
                () -> settings.integer("graphql.max-depth", 2, 100));
        assertTrue(notNumber.getMessage().contains("GRAPHQL_MAX_DEPTH"), notNumber.getMessage());
        StartupException outOfRange = assertThrows(StartupException.class, () -> settings.integer("port", 0, 65535));
        assertTrue(outOfRange.getMessage().contains("PORT"), outOfRange.getMessage());
    }

    @Test
    void aModulesNodeReadsItsKeysAndErrorsNameTheWholeKey() {
        Settings settings = Settings.load(Map.of("GRAPHQL_MAX_DEPTH", "9", "RECORDS_UNDO_WINDOW_MINUTES", "many"));
        Settings graphql = settings.node("graphql");
        assertEquals(9, graphql.integer("max-depth", 2, 100));
        assertEquals(settings.bool("graphql.introspection"), graphql.bool("introspection"));
        assertEquals(settings.get("push.batch-size"), settings.node("push").get("batch-size"));
        assertEquals(Optional.empty(), graphql.get("port"), "a node reads only below its name");
        StartupException bad = assertThrows(StartupException.class,
                () -> settings.node("records").integer("undo-window-minutes", 1, 60));
        assertTrue(bad.getMessage().contains("RECORDS_UNDO_WINDOW_MINUTES"), bad.getMessage());
        StartupException missing = assertThrows(StartupException.class,
                () -> settings.node("bootstrap-admin").string("email"));
        assertTrue(missing.getMessage().contains("bootstrap-admin.email (BOOTSTRAP_ADMIN_EMAIL)"),
                missing.getMessage());
    }

    @Test
    void badBooleanNamesTheEnvironmentVariable() {
        Settings settings = Settings.load(Map.of("GRAPHQL_PERSISTED_QUERIES_ONLY", "maybe"));
        StartupException e = assertThrows(StartupException.class,
                () -> settings.bool("graphql.persisted-queries-only"));
        assertTrue(e.getMessage().contains("GRAPHQL_PERSISTED_QUERIES_ONLY"), e.getMessage());
    }

    @Test
    void missingConfigFileNamesThePath() {
        Path missing = dir.resolve("nope.yaml");
        StartupException e = assertThrows(StartupException.class,
                () -> Settings.load(Map.of("CONFIG_FILE", missing.toString())));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }

    @Test
    void unreadableConfigFileIsAStartupExceptionNamingThePath() throws IOException {
        Path broken = write("broken.yaml", "graphql:\n  max-depth: [unclosed\n");
        Path notYaml = write("alongside.conf", "graphql { max-depth = 3 }\n");
        for (Path path : new Path[] {broken, notYaml, dir}) {
            StartupException e = assertThrows(StartupException.class,
                    () -> Settings.load(Map.of("CONFIG_FILE", path.toString())));
            assertTrue(e.getMessage().contains("CONFIG_FILE " + path), e.getMessage());
        }
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }
}
