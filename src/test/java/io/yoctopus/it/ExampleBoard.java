package io.yoctopus.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * The example plugin of {@code examples/plugin} ({@code com.example.board.Board}), as the ITs call it wherever it is
 * deployed: the example projects are built by the build before the ITs (pom.xml, maven-invoker-plugin), into
 * {@code target/examples}.
 */
public final class ExampleBoard {

    /** The WAR overlay project's WAR: the framework's WAR with the plugin jar in {@code WEB-INF/lib}. */
    public static final Path OVERLAY_WAR = Path.of("target", "examples", "overlay", "target", "board.war");
    /** What the server-library project gathers for the server: the plugin jar and the API jar. */
    public static final List<Path> LIBRARIES = List.of(
            Path.of("target", "examples", "library", "target", "libs", "yoctopus-api.jar"),
            Path.of("target", "examples", "library", "target", "libs", "board-plugin.jar"));

    private static final JsonProvider JSON = JsonProvider.provider();

    private ExampleBoard() {
    }

    /** {@code path}, which the examples' build made; a clear failure if it did not run. */
    public static Path built(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException(path.toAbsolutePath() + " does not exist: the examples are built at "
                    + "pre-integration-test by `mvn verify` (not with -Dinvoker.skip)");
        }
        return path;
    }

    /**
     * Proves the plugin works as a full bean: its endpoints answer, with Bean Validation of its formats; its own
     * bean ({@code Messages}) and the framework's ({@code Multicast}) are injected, so a message reaches every
     * connection; its observer of {@code ConnectionOpened} runs for each new connection.
     */
    public static void exercise(Supplier<WireClient> connect) {
        try (WireClient author = connect.get(); WireClient reader = connect.get()) {
            // the observer runs as each connection opens, on the server's side of the handshake: the reader's may
            // still be running when the author's first request is answered
            long connections = await("the observer counted the two connections").atMost(Duration.ofSeconds(10))
                    .until(() -> stats(author).getJsonNumber("connections").longValue(), counted -> counted >= 2);

            assertEquals(json("{\"author\":\"Ada\"}"), ok(call(author, "b1", "board:author", "update", "{\"name\":\"Ada\"}")));
            author.send(WireClient.request("b2", "board:message", "create", "{\"text\":\"hello, board\"}"));
            JsonObject notification = author.nextJson();
            assertEquals("board-message", notification.getJsonObject("meta").getString("type"), notification.toString());
            long id = notification.getJsonObject("data").getJsonNumber("id").longValue();
            assertEquals(json("{\"id\":" + id + ",\"author\":\"Ada\",\"text\":\"hello, board\"}"), notification.get("data"));
            assertEquals(json("{\"id\":" + id + "}"), ok(author.nextJson()));
            assertEquals(notification, reader.nextJson(), "every connection is sent the new message");
            assertTrue(stats(reader).getJsonNumber("messages").longValue() >= 1);

            JsonObject invalid = call(reader, "b3", "board:message", "create", "{\"text\":\"\"}");
            assertEquals("error", invalid.getJsonObject("meta").getString("status"), invalid.toString());

            try (WireClient third = connect.get()) {
                await().atMost(Duration.ofSeconds(10)).until(
                        () -> stats(author).getJsonNumber("connections").longValue() >= connections + 1);
            }
        }
    }

    private static JsonObject stats(WireClient client) {
        return ok(call(client, "s", "board:stats", "read", "{}")).asJsonObject();
    }

    private static JsonObject call(WireClient client, String id, String endpoint, String method, String data) {
        client.send(WireClient.request(id, endpoint, method, data));
        JsonObject reply = client.nextJson();
        assertEquals(id, reply.getJsonObject("meta").getString("id", null), reply.toString());
        return reply;
    }

    private static jakarta.json.JsonValue ok(JsonObject reply) {
        assertEquals("ok", reply.getJsonObject("meta").getString("status"), "expected success: " + reply);
        return reply.get("data");
    }

    private static jakarta.json.JsonValue json(String text) {
        try (var reader = JSON.createReader(new StringReader(text))) {
            return reader.readValue();
        }
    }
}
