package app.alongside.contracts;

import app.alongside.fixtures.AuthEmulator;
import app.alongside.fixtures.Console;
import app.alongside.fixtures.Http.Reply;
import app.alongside.fixtures.NodeProject;
import app.alongside.fixtures.Ops;
import app.alongside.fixtures.Platform;
import app.alongside.fixtures.TestServer;
import jakarta.json.bind.JsonbBuilder;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The example app in {@code examples/apollo-client} (Apollo Client, graphql-ws, types from GraphQL Code Generator,
 * strict tsc) is built by its own scripts and run against a real server that runs nothing but the manifest the
 * app's own tooling generated: it redeems an invite with an Auth emulator token, writes a record, sends a message
 * and receives the advocate's reply live.
 */
class ExampleAppIT {
    private static final Path APP = Path.of("examples", "apollo-client");
    private static final NodeProject PROJECT = new NodeProject(APP);

    @Test
    void theExampleAppRunsItsJourneyAgainstAPersistedOnlyServer() throws Exception {
        PROJECT.install("@apollo/client", "@graphql-codegen/cli", "@apollo/generate-persisted-query-manifest",
                "typescript");
        NodeProject.Result build = PROJECT.run(Duration.ofMinutes(3), "npm", "run", "build");
        System.out.println("example app build: exit " + build.exitCode() + "\n" + build.output());
        assertEquals(0, build.exitCode(), build.output());
        Path manifest = APP.resolve("persisted-query-manifest.json").toAbsolutePath();
        assertTrue(Files.readString(APP.resolve("src/generated/types.ts")).contains(
                "DateTime: { input: string; output: string; }"), "codegen maps DateTime to string");

        try (TestServer setup = TestServer.start().ready()) {
            Platform platform = new Platform(setup.http());
            String code = platform.invite("Robin")[1];
            AuthEmulator.User user = AuthEmulator.get().signUp();
            try (TestServer server = TestServer.startOn(setup.mongoUri(), Map.of("GRAPHQL_PERSISTED_QUERIES_ONLY",
                    "true", "GRAPHQL_PERSISTED_QUERIES_MANIFEST", manifest.toString())).ready()) {
                Console advocate = Console.signIn(server.http(), "advocate@example.test", Platform.PASSWORD);
                List<String> lines = runApp(server.baseUrl(), user.idToken(), code, sendMessageBody(manifest),
                        advocate);
                String output = String.join("\n", lines);
                System.out.println("example app run:\n" + output);
                assertTrue(lines.contains("OK"), output);
                assertTrue(output.contains("REPLY 2 STAFF \"Thanks, I will call you tomorrow.\""), output);
                assertTrue(output.contains("RECORD HEALTH_APPOINTMENT HEALTH"), output);
            }
        }
    }

    /**
     * Runs the app and, when it says it sent its message, replies as the advocate through the same persisted-only
     * server, with the app manifest's own text of {@code SendMessage} (the server knows no other).
     */
    private static List<String> runApp(String baseUrl, String idToken, String code, String sendMessage,
                                       Console advocate) throws IOException, InterruptedException {
        Process app = new ProcessBuilder("node", "dist/main.js", baseUrl, idToken, code).directory(APP.toFile())
                .redirectErrorStream(true).start();
        List<String> lines = new java.util.ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(app.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                lines.add(line);
                if (line.startsWith("SENT ")) {
                    Reply reply = advocate.graphql(sendMessage, Ops.input(Map.<String, Object>of(
                            "threadId", line.split(" ")[1], "body", "Thanks, I will call you tomorrow.",
                            "clientMessageId", UUID.randomUUID().toString())));
                    assertEquals(List.of(), Ops.at(reply, "sendMessage", "userErrors"), reply.body());
                }
            }
        } finally {
            if (!app.waitFor(60, TimeUnit.SECONDS)) {
                app.destroyForcibly();
            }
        }
        assertEquals(0, app.exitValue(), () -> String.join("\n", lines));
        return lines;
    }

    @SuppressWarnings("unchecked")
    private static String sendMessageBody(Path manifest) throws IOException {
        Map<String, Object> root = JsonbBuilder.create().fromJson(Files.readString(manifest), Map.class);
        return ((List<Map<String, String>>) root.get("operations")).stream()
                .filter(op -> op.get("name").equals("SendMessage")).map(op -> op.get("body")).findFirst()
                .orElseThrow();
    }
}
