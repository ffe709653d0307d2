package app.alongside.platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
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
     * Reads a manifest written by mobile-contracts: {@code {"operations": [{"name", "sha256", "document"}]}}.
     * Every hash is checked against its document.
     */
    public static Map<String, String> readManifest(Path path, Json json) {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StartupException("GRAPHQL_PERSISTED_QUERIES_MANIFEST " + path.toAbsolutePath()
                    + " cannot be read: " + e.getMessage(), e);
        }
        Object parsed = json.parse(text).orElse(null);
        if (!(parsed instanceof Map<?, ?> root) || !(root.get("operations") instanceof List<?> operations)) {
            throw new StartupException("GRAPHQL_PERSISTED_QUERIES_MANIFEST " + path.toAbsolutePath()
                    + " is not a manifest with an \"operations\" list");
        }
        Map<String, String> byHash = new HashMap<>();
        for (Object entry : operations) {
            if (!(entry instanceof Map<?, ?> op) || !(op.get("document") instanceof String document)
                    || !(op.get("sha256") instanceof String hash)) {
                throw new StartupException("GRAPHQL_PERSISTED_QUERIES_MANIFEST " + path.toAbsolutePath()
                        + " has an operation without a \"document\" and a \"sha256\"");
            }
            if (!sha256(document).equals(hash)) {
                throw new StartupException("GRAPHQL_PERSISTED_QUERIES_MANIFEST " + path.toAbsolutePath()
                        + ": the hash of operation " + op.get("name") + " does not match its document");
            }
            byHash.put(hash, document);
        }
        return byHash;
    }

    /** The document to run for this request, or a typed error. */
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
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
