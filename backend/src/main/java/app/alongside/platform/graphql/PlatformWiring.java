package app.alongside.platform.graphql;

import app.alongside.platform.core.ApiException;
import app.alongside.platform.core.Connections;
import app.alongside.platform.core.ErrorCode;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** Wires the platform part of the schema: {@code node}, {@code nodes}, {@code apiInfo} and the scalars. */
public final class PlatformWiring {
    /** MAJOR.MINOR of the public schema; MINOR grows with additive changes (see mobile-contracts). */
    public static final String SCHEMA_VERSION = "0.5";
    private static final int MAX_NODES = 100;

    /** What {@code apiInfo} answers. */
    public record ApiInfo(String schemaVersion, Instant serverTime, List<ErrorCode> errorCodes) {
    }

    private PlatformWiring() {
    }

    public static void register(Wiring wiring, Nodes nodes, Clock clock) {
        wiring.scalar(Scalars.DATE_TIME).scalar(Scalars.DATE).replaceBuiltInScalar(Scalars.ID)
                .interfaceByRecords("Node")
                .backedBy("ApiInfo", ApiInfo.class)
                .backedBy("PageInfo", Connections.PageInfo.class)
                .backedBy("UserError", Connections.UserError.class)
                .fetcher("Query", "apiInfo", env -> new ApiInfo(SCHEMA_VERSION, clock.instant(),
                        Arrays.asList(ErrorCode.values())))
                .fetcher("Query", "node", env -> nodes.load(env.getArgument("id"), env))
                .fetcher("Query", "nodes", env -> {
                    List<String> ids = env.getArgument("ids");
                    if (ids.size() > MAX_NODES) {
                        throw ApiException.badInput(List.of("ids"), "Ask for at most " + MAX_NODES + " ids at once.");
                    }
                    return nodes.loadAll(ids, env);
                });
    }
}
