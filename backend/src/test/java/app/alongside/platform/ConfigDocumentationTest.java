package app.alongside.platform;

import app.alongside.platform.config.Settings;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every setting in the bundled defaults is documented in the root README's configuration table. */
class ConfigDocumentationTest {
    @Test
    void everyKeyIsInTheReadme() throws IOException {
        String readme = Files.readString(Path.of("../README.md"));
        List<String> missing = new ArrayList<>();
        for (String key : keys()) {
            String variable = Settings.envName(key);
            if (!readme.contains("| `" + variable + "` |")) {
                missing.add(variable);
            }
        }
        assertEquals(List.of(), missing, "add these to the configuration table in README.md");
    }

    private static List<String> keys() throws IOException {
        try (InputStream in = ConfigDocumentationTest.class.getClassLoader().getResourceAsStream("application.yaml")) {
            Map<String, Object> tree = new Yaml().load(in);
            List<String> keys = new ArrayList<>();
            flatten("", tree, keys);
            return keys;
        }
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Map<String, Object> tree, List<String> keys) {
        tree.forEach((name, value) -> {
            String key = prefix.isEmpty() ? name : prefix + "." + name;
            if (value instanceof Map<?, ?> map) {
                flatten(key, (Map<String, Object>) map, keys);
            } else {
                keys.add(key);
            }
        });
    }
}
