package app.alongside.privacy.retention;

import java.time.Instant;
import java.util.List;

/** The report's operations, and records to read their answers into. */
public final class RetentionOps {
    public static final String RULES = "{ retentionRules { collection holds lawfulBasis condition period countsFrom "
            + "action reason appliedBy changedBy } }";
    public static final String RUNS = "query($first: Int, $after: String) { retentionRuns(first: $first, after: "
            + "$after) { edges { cursor node { startedAt finishedAt results { collection cutoff deleted error } } } "
            + "pageInfo { hasNextPage endCursor } } }";

    private RetentionOps() {
    }

    public record Rule(String collection, String holds, String lawfulBasis, String condition, String period,
                       String countsFrom, String action, String reason, String appliedBy, String changedBy) {
    }

    public record Result(String collection, Instant cutoff, int deleted, String error) {
    }

    public record Run(Instant startedAt, Instant finishedAt, List<Result> results) {
    }

    public record Edge(String cursor, Run node) {
    }

    public record PageInfo(boolean hasNextPage, String endCursor) {
    }

    public record Runs(List<Edge> edges, PageInfo pageInfo) {
    }
}
