package app.alongside.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The index of the screenshots the browser tests took, {@code index.md} next to them: each page checked, its two
 * screenshot files and what axe-core found at each width. Rewritten after every check, keeping the rows of
 * earlier runs (until the build's target folder is cleaned), so it lists every page checked, in name order.
 */
final class ScreenshotIndex {
    private static final Map<String, String> ROWS = new ConcurrentSkipListMap<>();

    private ScreenshotIndex() {
    }

    static synchronized void record(Path folder, String name, List<String> desktop, List<String> narrow,
                                    long overflow) {
        if (ROWS.isEmpty()) {
            earlierRows(folder.resolve("index.md"));
        }
        ROWS.put(name, "| " + name + " | [" + name + ".png](" + name + ".png), [" + name + "-320px.png](" + name
                + "-320px.png) | " + result(desktop) + " | " + result(narrow) + " | "
                + (overflow <= 0 ? "none" : overflow + " px") + " |");
        StringBuilder text = new StringBuilder("""
                # Console screenshots

                Every page the browser tests checked: its screenshots at 1280 px and 320 px, the axe-core violations
                (WCAG 2.0/2.1/2.2 A and AA and best practices, any impact) at each width, and any sideways scroll
                at 320 px.

                | Page | Screenshots | axe at 1280 px | axe at 320 px | Sideways scroll at 320 px |
                |---|---|---|---|---|
                """);
        ROWS.values().forEach(row -> text.append(row).append('\n'));
        try {
            Files.createDirectories(folder);
            Files.writeString(folder.resolve("index.md"), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Rows of an index an earlier run (of other test classes) wrote, so one index lists every page checked. */
    private static void earlierRows(Path index) {
        if (!Files.exists(index)) {
            return;
        }
        try {
            for (String line : Files.readAllLines(index)) {
                if (line.startsWith("| ") && !line.startsWith("| Page ")) {
                    ROWS.put(line.substring(2, line.indexOf(" |")), line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String result(List<String> violations) {
        return violations.isEmpty() ? "0 violations"
                : violations.size() + " violations: " + String.join("; ", violations).replace("|", "\\|");
    }
}
