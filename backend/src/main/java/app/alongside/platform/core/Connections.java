package app.alongside.platform.core;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Relay cursor connections: the records behind {@code PageInfo}, {@code UserError} and every
 * {@code XConnection}/{@code XEdge}, and the paging arguments every connection field takes.
 */
public final class Connections {
    public static final int DEFAULT_PAGE_SIZE = 20;

    private Connections() {
    }

    /** {@code PageInfo}. */
    public record PageInfo(boolean hasNextPage, boolean hasPreviousPage, String startCursor, String endCursor) {
    }

    /** One item of a page with its cursor. */
    public record Edge<T>(String cursor, T node) {
    }

    /** A page. {@code totalCount} is optional in the schema of each connection. */
    public record Connection<T>(List<Edge<T>> edges, PageInfo pageInfo) {
        public List<T> nodes() {
            return edges.stream().map(Edge::node).toList();
        }
    }

    /** {@code UserError}: a problem with a mutation's input, at the field path given. */
    public record UserError(List<String> field, String message, ErrorCode code) {
        public static UserError of(ApiException e) {
            return new UserError(e.field().isEmpty() ? null : e.field(), e.getMessage(), e.code());
        }
    }

    /** Forward paging arguments: {@code first} (default 20, at most {@code max}) and an opaque {@code after}. */
    public record Page(int first, Optional<String> after) {
        public static Page of(Integer first, String after, int max) {
            int size = first == null ? DEFAULT_PAGE_SIZE : first;
            if (size < 0 || size > max) {
                throw ApiException.badInput(List.of("first"), "\"first\" must be between 0 and " + max + ".");
            }
            return new Page(size, Optional.ofNullable(after).map(Connections::decodeCursor));
        }

        /** From a connection field's {@code first} and {@code after} arguments. */
        public static Page of(graphql.schema.DataFetchingEnvironment env, int max) {
            return of(env.getArgument("first"), env.getArgument("after"), max);
        }
    }

    /**
     * Builds a page from up to {@code first + 1} items fetched past the cursor (the extra one only says whether
     * another page follows).
     */
    public static <T> Connection<T> page(List<T> fetched, Page page, boolean hasPrevious,
                                         java.util.function.Function<T, String> sortKey) {
        boolean hasNext = fetched.size() > page.first();
        List<Edge<T>> edges = fetched.stream().limit(page.first())
                .map(item -> new Edge<>(encodeCursor(sortKey.apply(item)), item)).toList();
        String start = edges.isEmpty() ? null : edges.getFirst().cursor();
        String end = edges.isEmpty() ? null : edges.getLast().cursor();
        return new Connection<>(edges, new PageInfo(hasNext, hasPrevious, start, end));
    }

    /** The sort key of newest-first pages: creation time, then id to break ties. */
    public static String newestKey(java.time.Instant createdAt, String id) {
        return createdAt.toEpochMilli() + "|" + id;
    }

    /** The filter for items after {@code key} (from {@link #newestKey}) in newest-first order. */
    public static org.bson.conversions.Bson olderThan(String key) {
        return past("createdAt", key, true);
    }

    /** The filter for items after {@code key} (from {@link #newestKey}) in oldest-first order. */
    public static org.bson.conversions.Bson newerThan(String key) {
        return past("createdAt", key, false);
    }

    /**
     * The filter for items past a {@code millis|id} cursor on a date {@code field}: before it when
     * {@code descending}, after it otherwise, ties broken by id the same way.
     */
    public static org.bson.conversions.Bson past(String field, String key, boolean descending) {
        int bar = key.indexOf('|');
        long millis;
        try {
            millis = Long.parseLong(key.substring(0, Math.max(bar, 0)));
        } catch (NumberFormatException e) {
            throw ApiException.badInput(List.of("after"), "\"after\" is not a cursor from this API.");
        }
        java.util.Date at = new java.util.Date(millis);
        String id = key.substring(bar + 1);
        return descending
                ? com.mongodb.client.model.Filters.or(com.mongodb.client.model.Filters.lt(field, at),
                com.mongodb.client.model.Filters.and(com.mongodb.client.model.Filters.eq(field, at),
                        com.mongodb.client.model.Filters.lt("_id", id)))
                : com.mongodb.client.model.Filters.or(com.mongodb.client.model.Filters.gt(field, at),
                com.mongodb.client.model.Filters.and(com.mongodb.client.model.Filters.eq(field, at),
                        com.mongodb.client.model.Filters.gt("_id", id)));
    }

    /** Newest first, ties broken by id. */
    public static final org.bson.conversions.Bson NEWEST_FIRST = com.mongodb.client.model.Sorts.descending(
            "createdAt", "_id");

    public static String encodeCursor(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("c:" + key).getBytes(StandardCharsets.UTF_8));
    }

    /** The sort key inside a cursor; a cursor this server did not make is bad input. */
    public static String decodeCursor(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (text.startsWith("c:") && text.length() > 2) {
                return text.substring(2);
            }
        } catch (IllegalArgumentException e) {
            // fall through to the typed error
        }
        throw ApiException.badInput(List.of("after"), "\"after\" is not a cursor from this API.");
    }
}
