package app.alongside.platform.graphql;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The names of the operations this server expects: those of the persisted-query manifests and of the console's
 * own documents (read from its bundled scripts). Metrics label operations by these names only.
 */
public final class KnownOperations {
    private static final Pattern OPERATION = Pattern.compile(
            "\\b(?:query|mutation|subscription)\\s+([A-Za-z_][A-Za-z0-9_]{0,63})\\s*[({]");

    private KnownOperations() {
    }

    /** The operation names declared in {@code documents} (GraphQL text, or scripts that hold it). */
    public static Set<String> declaredIn(Collection<String> documents) {
        Set<String> names = new HashSet<>();
        for (String document : documents) {
            Matcher matcher = OPERATION.matcher(document);
            while (matcher.find()) {
                names.add(matcher.group(1));
            }
        }
        return names;
    }

    /** The operation names in the console's scripts under {@code console/} on the class path. */
    public static Set<String> console() {
        URL index = KnownOperations.class.getClassLoader().getResource("console/index.html");
        if (index == null) {
            return Set.of();
        }
        try {
            if ("jar".equals(index.getProtocol())) {
                return fromJar(((JarURLConnection) index.openConnection()).getJarFile());
            }
            try (Stream<Path> files = Files.walk(Path.of(index.toURI()).getParent())) {
                return declaredIn(files.filter(f -> f.toString().endsWith(".js")).map(KnownOperations::read)
                        .toList());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Set<String> fromJar(JarFile jar) throws IOException {
        var scripts = new java.util.ArrayList<String>();
        for (var entry : java.util.Collections.list(jar.entries())) {
            if (entry.getName().startsWith("console/") && entry.getName().endsWith(".js")) {
                try (InputStream in = jar.getInputStream(entry)) {
                    scripts.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        }
        return declaredIn(scripts);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
