package app.alongside.records;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The code lists records use (SSDA903 {@code ACCOM}, {@code ACTIV}), kept as data with their source and version
 * in {@code code-lists.json}, so a new edition of the DfE guide is a data change, not a code change.
 */
public final class CodeCatalogue {
    public static final String ACCOM = "SSDA903_ACCOM";
    public static final String ACTIV = "SSDA903_ACTIV";

    /** The schema's {@code Code}. */
    public record Code(String list, String code, String label) {
    }

    /** The schema's {@code CodeList}. */
    public record CodeList(String name, String source, String version, List<Code> codes) {
    }

    /** The file's shape. */
    public static final class Entry {
        public String code;
        public String label;
    }

    /** The file's shape. */
    public static final class ListEntry {
        public String name;
        public String source;
        public String version;
        public List<Entry> codes;
    }

    private final Map<String, CodeList> lists = new LinkedHashMap<>();

    public CodeCatalogue() {
        try (InputStream in = CodeCatalogue.class.getResourceAsStream("code-lists.json");
             Jsonb jsonb = JsonbBuilder.create()) {
            ListEntry[] entries = jsonb.fromJson(in, ListEntry[].class);
            for (ListEntry entry : entries) {
                lists.put(entry.name, new CodeList(entry.name, entry.source, entry.version, entry.codes.stream()
                        .map(c -> new Code(entry.name, c.code, c.label)).toList()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("code-lists.json cannot be read", e);
        }
    }

    public List<CodeList> lists() {
        return List.copyOf(lists.values());
    }

    public Optional<Code> find(String list, String code) {
        CodeList codes = lists.get(list);
        return codes == null ? Optional.empty()
                : codes.codes().stream().filter(c -> c.code().equals(code)).findFirst();
    }
}
