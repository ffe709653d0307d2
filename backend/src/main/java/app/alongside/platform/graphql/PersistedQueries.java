package app.alongside.platform.graphql;

import app.alongside.platform.config.StartupException;
import app.alongside.platform.core.ApiException;
import app.alongside.platform.core.ErrorCode;
import app.alongside.platform.core.Ids;
import app.alongside.platform.core.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Automatic persisted queries (Apollo's APQ protocol): a client sends {@code extensions.persistedQuery.sha256Hash}
 * alone, and the query text only when the server answers {@code PERSISTED_QUERY_NOT_FOUND}. Known documents come
 * from the mobile-contracts manifest and from an in-memory cache of hashes clients registered. In
 * persisted-only mode, documents outside the manifest are refused.
 */
public final class PersistedQueries {
    public static final String APOLLO_FORMAT = "apollo-persisted-query-manifest";
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final Map<String, String> manifest;
    private final Map<String, String> cache;
    private final boolean manifestOnly;

    public PersistedQueries(Map<String, String> manifest, int cacheSize, boolean manifestOnly) {
        this.manifest = Map.copyOf(manifest);
        this.manifestOnly = manifestOnly;
        this.cache = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                return size() > cacheSize;
            }
        });
    }

    /**
     * Reads the manifests named in {@code paths} (comma-separated) and merges them: the published
     * {@code persisted-query-manifest.json} and those an app's own tooling wrote for the documents it really sends.
     * Three formats are read: Apollo's ({@code {"format": "apollo-persisted-query-manifest", "version": 1,
     * "operations": [{"id", "name", "type", "body"}]}}, written by Apollo Client's, Apollo Kotlin's and Apollo iOS's
     * tooling), Relay's ({@code {"<id>": "<text>"}}, from relay-compiler's {@code persistConfig}) and the one
     * mobile-contracts published with schema 0.2 ({@code {"operations": [{"name", "sha256", "document"}]}}). Every
     * id must be the SHA-256 of its text, as APQ requires; anything else stops start-up, naming the file.
     */
    public static Map<String, String> readManifests(String paths, Json json) {
        Map<String, String> byHash = new HashMap<>();
        for (String path : paths.split(",")) {
            if (!path.isBlank()) {
                byHash.putAll(readManifest(Path.of(path.strip()), json));
            }
        }
        return byHash;
    }

    /** One manifest, in any of the formats {@link #readManifests} reads. */
    public static Map<String, String> readManifest(Path path, Json json) {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw manifestError(path, "cannot be read: " + e.getMessage());
        }
        Object parsed;
        try {
            parsed = json.parse(text).orElse(null);
        } catch (ApiException e) {
            throw manifestError(path, "is not JSON: " + e.getMessage());
        }
        if (!(parsed instanceof Map<?, ?> root)) {
            throw manifestError(path, "is not a JSON object");
        }
        Map<String, String> byHash = new HashMap<>();
        if (root.containsKey("format") || root.containsKey("version")) {
            readApollo(path, root).forEach((id, body) -> put(path, byHash, id, body, id));
        } else if (root.get("operations") instanceof List<?> operations) {
            readLegacy(path, operations).forEach((id, body) -> put(path, byHash, id, body, id));
        } else if (!root.isEmpty() && root.values().stream().allMatch(String.class::isInstance)) {
            root.forEach((id, body) -> put(path, byHash, String.valueOf(id), (String) body, "id " + id));
        } else {
            throw manifestError(path, "is none of the manifest formats read: Apollo's {\"format\": \"" + APOLLO_FORMAT
                    + "\", \"version\": 1, \"operations\": [...]}, Relay's {\"<id>\": \"<text>\"} or "
                    + "{\"operations\": [{\"name\", \"sha256\", \"document\"}]}");
        }
        return byHash;
    }

    private static Map<String, String> readApollo(Path path, Map<?, ?> root) {
        if (!APOLLO_FORMAT.equals(root.get("format")) || !(root.get("version") instanceof Number version)
                || version.intValue() != 1) {
            throw manifestError(path, "has format " + root.get("format") + " version " + root.get("version")
                    + "; only \"" + APOLLO_FORMAT + "\" version 1 is read");
        }
        if (!(root.get("operations") instanceof List<?> operations)) {
            throw manifestError(path, "has no \"operations\" list");
        }
        Map<String, String> byId = new LinkedHashMap<>();
        for (int i = 0; i < operations.size(); i++) {
            if (!(operations.get(i) instanceof Map<?, ?> op) || !(op.get("id") instanceof String id)
                    || !(op.get("body") instanceof String body)) {
                throw manifestError(path, "operation " + i + " has no \"id\" and \"body\" strings");
            }
            byId.put(id, body);
        }
        return byId;
    }

    private static Map<String, String> readLegacy(Path path, List<?> operations) {
        Map<String, String> byId = new LinkedHashMap<>();
        for (int i = 0; i < operations.size(); i++) {
            if (!(operations.get(i) instanceof Map<?, ?> op) || !(op.get("document") instanceof String document)
                    || !(op.get("sha256") instanceof String hash)) {
                throw manifestError(path, "operation " + i + " has no \"document\" and \"sha256\" strings");
            }
            byId.put(hash, document);
        }
        return byId;
    }

    private static void put(Path path, Map<String, String> byHash, String id, String body, String what) {
        if (!SHA256.matcher(id).matches()) {
            throw manifestError(path, what + " is not a SHA-256 (64 lower-case hex digits); persisted-query ids "
                    + "must be the SHA-256 of the document");
        }
        if (!sha256(body).equals(id)) {
            throw manifestError(path, "the id " + id + " is not the SHA-256 of its document");
        }
        byHash.put(id, body);
    }

    private static StartupException manifestError(Path path, String problem) {
        return new StartupException("GRAPHQL_PERSISTED_QUERIES_MANIFEST " + path.toAbsolutePath() + " " + problem);
    }

    /** The document to run for this request, or a typed error. */
    /** The documents of the manifests (not those clients registered at run time). */
    public java.util.Collection<String> manifestDocuments() {
        return manifest.values();
    }

    public String resolve(GraphqlRequest request) {
        Object persisted = request.extensions().get("persistedQuery");
        if (persisted == null) {
            String query = request.queryText().orElseThrow(() ->
                    GraphqlRequest.badRequest("The request has no \"query\" (nor a persisted query hash)."));
            if (manifestOnly) {
                requireAllowed(sha256(query));
            }
            return query;
        }
        String hash = hashOf(persisted);
        if (request.queryText().isPresent()) {
            String query = request.query();
            if (!sha256(query).equals(hash)) {
                throw GraphqlRequest.badRequest("The persisted query hash does not match the query text.");
            }
            requireAllowed(hash);
            cache.put(hash, query);
            return query;
        }
        String known = manifest.containsKey(hash) ? manifest.get(hash) : cache.get(hash);
        if (known == null) {
            requireAllowed(hash);
            throw new ApiException(ErrorCode.PERSISTED_QUERY_NOT_FOUND, "PersistedQueryNotFound");
        }
        return known;
    }

    private void requireAllowed(String hash) {
        if (manifestOnly && !manifest.containsKey(hash)) {
            throw new ApiException(ErrorCode.PERSISTED_QUERY_NOT_ALLOWED,
                    "This server runs only the operations published in mobile-contracts.");
        }
    }

    private static String hashOf(Object persisted) {
        if (persisted instanceof Map<?, ?> map && map.get("sha256Hash") instanceof String hash
                && SHA256.matcher(hash).matches()) {
            Object version = map.get("version");
            if (version == null || (version instanceof Number n && n.intValue() == 1)) {
                return hash;
            }
            throw GraphqlRequest.badRequest("Only version 1 of the persisted query protocol is supported.");
        }
        throw GraphqlRequest.badRequest(
                "extensions.persistedQuery must be {\"version\": 1, \"sha256Hash\": \"<64 lower-case hex digits>\"}.");
    }

    public static String sha256(String text) {
        return Ids.sha256(text);
    }
}
