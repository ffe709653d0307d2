package app.alongside.platform;

import app.alongside.fixtures.BadValues;
import app.alongside.fixtures.Console;
import app.alongside.fixtures.Http.Reply;
import app.alongside.fixtures.Http;
import app.alongside.fixtures.Ops;
import app.alongside.fixtures.Platform;
import app.alongside.fixtures.RecordsOps;
import app.alongside.fixtures.ServerExtension;
import app.alongside.fixtures.YoungPersonApp;
import app.alongside.platform.core.GlobalIds;
import app.alongside.platform.graphql.PlatformWiring;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import graphql.schema.idl.UnExecutableSchemaGenerator;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Walks the live schema and sends every query and mutation argument bad values (see {@link BadValues}), as an
 * anonymous caller, a young person and an admin: no answer is a 5xx or {@code INTERNAL}, none carries Java text,
 * the server is healthy after and another young person's data is unchanged. The seed is printed; set
 * {@code -Dfuzz.seed=...} to replay a run, {@code -Dfuzz.requests=...} for more requests.
 */
class SchemaFuzzIT {
    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.withPlatform(Map.of("RATE_LIMIT_GRAPHQL_PER_MINUTE",
            "1000000"), java.time.Clock.systemUTC());
    private static final List<Pattern> JAVA_TEXT = List.of(Pattern.compile("[A-Za-z]+Value\\{"),
            Pattern.compile("ObjectField\\{"), Pattern.compile("\\bBigDecimal\\b"),
            Pattern.compile("\\bBigInteger\\b"), Pattern.compile("ArrayList"), Pattern.compile("HashMap"), Pattern.compile("\\bjava\\."),
            Pattern.compile("\\bgraphql\\.[a-z]"), Pattern.compile("Exception"), Pattern.compile("@[0-9a-f]{6,}\\b"),
            Pattern.compile("\\{[A-Za-z]+=[^ ]"), Pattern.compile("ImmutableList|ImmutableMap|Optional\\["));
    private static final List<String> OWNED = List.of("records", "goals", "threads", "messages", "advocacy",
            "interests", "devices", "pushPreferences", "youngPeople");

    private record Caller(String name, Map<String, String> headers, boolean mayUseRealIds) {
    }

    private record Sent(Caller caller, String body) {
    }

    @Test
    void noBadValueGetsAServerErrorOrJavaTextOrChangesAnotherPersonsData() throws Exception {
        long seed = Long.getLong("fuzz.seed", 20261201L);
        int total = Integer.getInteger("fuzz.requests", 5000);
        Http http = SERVER.http();
        Platform platform = SERVER.platform();
        YoungPersonApp jo = joined(http, platform, "Jo");
        String record = Ops.at(jo.graphql(RecordsOps.CREATE, Ops.input(Map.of("details", Map.of("cvItem",
                Map.of("heading", "Mine"))))), "createRecord", "record", "id");
        String goal = Ops.at(jo.graphql(RecordsOps.CREATE_GOAL, Ops.input(Map.of("title", "Mine",
                "mission", "WORK"))), "createGoal", "goal", "id");
        String thread = Ops.at(jo.graphql("{ myAdvocacy { thread { id } } }"), "myAdvocacy", "thread", "id");
        String joId = Ops.at(jo.graphql(Ops.VIEWER), "viewer", "id");
        YoungPersonApp kit = joined(http, platform, "Kit");
        Console admin = platform.admin;
        List<String> realIds = List.of(record, goal, thread, joId);
        List<String> madeUp = List.of(BadValues.madeUpId("Record", "r1"), BadValues.madeUpId("Goal", "g1"),
                BadValues.madeUpId("Thread", "t1"), BadValues.madeUpId("YoungPerson", "y1"),
                BadValues.madeUpId("Organisation", "o1"), BadValues.madeUpId("StaffMember", "s1"));
        List<Caller> callers = List.of(new Caller("anonymous", Map.of(), true),
                new Caller("youngPerson", Map.of("Authorization", "Bearer " + kit.idToken()), true),
                new Caller("admin", Map.of("Cookie", admin.cookie(), "X-CSRF-Token", admin.csrf()), false));

        GraphQLSchema schema = schema();
        List<Sent> requests = plan(schema, new Random(seed), callers, realIds, madeUp, total);
        Map<String, List<Document>> before = snapshot(joId);
        long start = System.nanoTime();
        Map<String, AtomicInteger> statuses = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> codes = new ConcurrentHashMap<>();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        try (ExecutorService pool = Executors.newFixedThreadPool(6)) {
            List<Future<?>> done = new ArrayList<>();
            for (Sent sent : requests) {
                done.add(pool.submit(() -> check(http, sent, statuses, codes, failures)));
            }
            for (Future<?> future : done) {
                future.get();
            }
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        System.out.printf("schema fuzz: seed=%d requests=%d duration=%ds%n  by status: %s%n  by code: %s%n", seed,
                requests.size(), took.toSeconds(), new TreeMap<>(statuses), new TreeMap<>(codes));
        assertTrue(failures.isEmpty(), failures.size() + " bad answers (seed " + seed + "), e.g.:\n"
                + String.join("\n", failures.subList(0, Math.min(10, failures.size()))));
        assertEquals(200, http.get("/observe/health", null).status(), "healthy after");
        assertEquals(PlatformWiring.SCHEMA_VERSION, Ops.at(http.graphql("{ apiInfo { schemaVersion } }"), "apiInfo",
                "schemaVersion"));
        assertEquals(before, snapshot(joId), "Jo's data is unchanged");
        assertTrue(requests.size() >= 5000);
    }

    private static void check(Http http, Sent sent, Map<String, AtomicInteger> statuses,
                              Map<String, AtomicInteger> codes, List<String> failures) {
        HttpRequest.Builder request = http.request("/graphql").header("Content-Type", "application/json")
                .header("Accept", "application/graphql-response+json")
                .POST(HttpRequest.BodyPublishers.ofString(sent.body()));
        sent.caller().headers().forEach(request::header);
        Reply reply = http.send(request);
        statuses.computeIfAbsent(String.valueOf(reply.status()), k -> new AtomicInteger()).incrementAndGet();
        java.util.regex.Matcher found = Pattern.compile("\"code\":\"([A-Z_]+)\"").matcher(reply.body());
        boolean internal = false;
        while (found.find()) {
            codes.computeIfAbsent(found.group(1), k -> new AtomicInteger()).incrementAndGet();
            internal |= found.group(1).equals("INTERNAL");
        }
        String javaText = JAVA_TEXT.stream().filter(p -> p.matcher(reply.body()).find()).map(Pattern::pattern)
                .findFirst().orElse(null);
        if (reply.status() >= 500 || internal || javaText != null) {
            failures.add(sent.caller().name() + " " + reply.status() + (javaText == null ? "" : " [" + javaText
                    + "]") + " " + abbreviate(sent.body()) + "\n    -> " + abbreviate(reply.body()));
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 600 ? text.substring(0, 600) + "..." : text;
    }

    /** Every request of the run, generated up front from the seed so a run replays exactly. */
    private static List<Sent> plan(GraphQLSchema schema, Random random, List<Caller> callers, List<String> realIds,
                                   List<String> madeUp, int total) {
        List<GraphQLFieldDefinition[]> targets = new ArrayList<>();
        List<String> operationTypes = new ArrayList<>();
        for (GraphQLObjectType root : List.of(schema.getQueryType(), schema.getMutationType())) {
            for (GraphQLFieldDefinition field : root.getFieldDefinitions()) {
                targets.add(new GraphQLFieldDefinition[] {field});
                operationTypes.add(root == schema.getQueryType() ? "query" : "mutation");
            }
        }
        List<Sent> requests = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            int target = i % targets.size();
            Caller caller = callers.get((i / targets.size()) % callers.size());
            List<String> ids = new ArrayList<>(madeUp);
            if (caller.mayUseRealIds()) {
                ids.addAll(realIds);
            }
            BadValues values = new BadValues(random, ids);
            requests.add(new Sent(caller, request(operationTypes.get(target), targets.get(target)[0], values,
                    random)));
        }
        return requests;
    }

    /** One operation on {@code field}: plausible arguments, one of them spoilt, sent in one of several ways. */
    private static String request(String operation, GraphQLFieldDefinition field, BadValues values, Random random) {
        List<GraphQLArgument> arguments = field.getArguments();
        int spoilt = arguments.isEmpty() ? -1 : random.nextInt(arguments.size());
        int way = random.nextInt(10);
        Map<String, Object> variables = new LinkedHashMap<>();
        List<String> declarations = new ArrayList<>();
        List<String> passed = new ArrayList<>();
        for (int i = 0; i < arguments.size(); i++) {
            GraphQLArgument argument = arguments.get(i);
            boolean required = GraphQLTypeUtil.isNonNull(argument.getType());
            if (i != spoilt && !required && random.nextBoolean()) {
                continue;
            }
            Object value = values.plausible(argument.getType(), 0);
            if (i == spoilt) {
                value = way == 9 ? BadValues.nested(70 + random.nextInt(900))
                        : values.spoil(value, argument.getType());
            }
            String name = argument.getName();
            if (i == spoilt && way == 4 && nestVariable(argument.getType(), value, declarations, variables, values)
                    instanceof Map<?, ?> literal) {
                passed.add(name + ": " + BadValues.literal(literal));
                continue;
            }
            if (i == spoilt && way < 3) {
                passed.add(name + ": " + BadValues.literal(value));
                continue;
            }
            String declared = i == spoilt && way == 3 ? "String" : GraphQLTypeUtil.simplePrint(argument.getType());
            declarations.add("$" + name + ": " + declared);
            passed.add(name + ": $" + name);
            variables.put(name, value);
        }
        String args = passed.isEmpty() ? "" : "(" + String.join(", ", passed) + ")";
        String vars = declarations.isEmpty() ? "" : "(" + String.join(", ", declarations) + ")";
        String query = operation + " Fuzz" + vars + " { " + field.getName() + args + selection(field.getType())
                + " }";
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", query);
        body.put("variables", variables);
        return BadValues.json(body);
    }

    /**
     * For an input object: the value as a literal whose first field is a variable ({@code {title: $nested}})
     * carrying a bad value of that field's type; null for anything else.
     */
    private static Map<String, Object> nestVariable(GraphQLType type, Object value, List<String> declarations,
                                                    Map<String, Object> variables, BadValues values) {
        if (!(GraphQLTypeUtil.unwrapNonNull(type) instanceof GraphQLInputObjectType object)
                || !(value instanceof Map<?, ?> map) || map.isEmpty()) {
            return null;
        }
        Map<String, Object> literal = new LinkedHashMap<>();
        map.forEach((key, field) -> literal.put(key.toString(), field));
        String first = literal.keySet().iterator().next();
        if (object.getField(first) == null) {
            return null;
        }
        GraphQLType fieldType = object.getField(first).getType();
        declarations.add("$nested: " + GraphQLTypeUtil.simplePrint(fieldType));
        variables.put("nested", values.bad(fieldType));
        literal.put(first, new BadValues.Variable("nested"));
        return literal;
    }

    private static String selection(GraphQLType type) {
        GraphQLType inner = GraphQLTypeUtil.unwrapAll(type);
        if (!(inner instanceof graphql.schema.GraphQLCompositeType)) {
            return "";
        }
        boolean payload = inner instanceof GraphQLFieldsContainer container
                && container.getFieldDefinition("userErrors") != null;
        return payload ? " { __typename userErrors { field message code } }" : " { __typename }";
    }

    static GraphQLSchema schema() throws IOException {
        TypeDefinitionRegistry registry = new TypeDefinitionRegistry();
        ClassLoader loader = SchemaFuzzIT.class.getClassLoader();
        for (String file : resource(loader, "graphql/index.txt").split("\\s+")) {
            if (!file.isBlank()) {
                registry.merge(new SchemaParser().parse(resource(loader, "graphql/" + file.trim())));
            }
        }
        return UnExecutableSchemaGenerator.makeUnExecutableSchema(registry);
    }

    private static String resource(ClassLoader loader, String name) throws IOException {
        try (InputStream in = loader.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("no resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static YoungPersonApp joined(Http http, Platform platform, String name) {
        YoungPersonApp app = YoungPersonApp.signUp(http);
        Reply redeemed = app.graphql(Ops.REDEEM_INVITE, Ops.input(Map.of("code", platform.invite(name)[1])));
        assertEquals(name, Ops.at(redeemed, "redeemInvite", "youngPerson", "firstName"), redeemed.body());
        return app;
    }

    /** Every document of the young person's own, by collection (the audit log aside). */
    private static Map<String, List<Document>> snapshot(String youngPersonGlobalId) {
        String id = GlobalIds.decode(youngPersonGlobalId).orElseThrow().id();
        Map<String, List<Document>> all = new TreeMap<>();
        try (MongoClient client = MongoClients.create(SERVER.server().mongoUri())) {
            MongoDatabase db = client.getDatabase("alongside");
            for (String collection : OWNED) {
                all.put(collection, db.getCollection(collection).find(Filters.or(Filters.eq("_id", id),
                        Filters.eq("ownerId", id), Filters.eq("youngPersonId", id))).sort(Sorts.ascending("_id"))
                        .into(new ArrayList<>()));
            }
        }
        return all;
    }
}
