package io.yoctopus.runtime.transport.vertx;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yoctopus.api.ConnectionSettings;
import io.yoctopus.api.Handles;
import io.yoctopus.api.HandlesBinary;
import io.yoctopus.api.NonBlocking;
import io.yoctopus.api.Notifier;
import io.yoctopus.api.Plugin;
import io.yoctopus.api.events.ConnectionClosed;
import io.yoctopus.it.RawWebSocket;
import io.yoctopus.it.WireClient;
import io.yoctopus.runtime.transport.TransportBeans;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Vert.x transport as the application starts it (real beans under Weld SE, a real Vert.x on a free port), driven
 * by real WebSocket clients: the JDK's, and a raw one for what well-behaved clients do not do.
 */
class VertxListenerTest {

    static final String GOOD_ORIGIN = "https://good.example";
    static final Map<String, String> GOOD = Map.of("Origin", GOOD_ORIGIN);
    static final int MAX_TEXT = 1000;
    static final int MAX_BINARY = 2000;
    static final Duration WAIT = Duration.ofSeconds(10);

    /** Handlers that tell where they ran. */
    @Plugin("where")
    @ApplicationScoped
    public static class Where {

        public record Delay(long millis) {
        }

        @Handles(endpoint = "loop", method = "read")
        @NonBlocking
        public Map<String, String> loop() {
            return Map.of("thread", Thread.currentThread().getName());
        }

        @Handles(endpoint = "worker", method = "read")
        public Map<String, String> worker() {
            return Map.of("thread", Thread.currentThread().getName());
        }

        @Handles(endpoint = "slow", method = "read")
        public Map<String, Object> slow(Delay delay) throws InterruptedException {
            Thread.sleep(delay.millis());
            return Map.of("slept", delay.millis(), "thread", Thread.currentThread().getName());
        }

        @Handles(endpoint = "settings", method = "read")
        @NonBlocking
        public Map<String, Map<String, Object>> settings(ConnectionSettings settings) {
            return settings.export();
        }

        @HandlesBinary
        @NonBlocking
        public void bytes(byte[] bytes, Notifier notifier) {
            notifier.notify("bytes", Map.of("size", bytes.length, "thread", Thread.currentThread().getName()));
        }
    }

    /** The closed events, as the application's observers see them. */
    @ApplicationScoped
    public static class Closes {
        static final BlockingQueue<ConnectionClosed> CLOSED = new LinkedBlockingQueue<>();

        void closed(@Observes ConnectionClosed event) {
            CLOSED.add(event);
        }
    }

    private static WeldContainer container;
    private static URI ws;

    @BeforeAll
    static void start() {
        container = TransportBeans.boot(Map.of(
                "yoctopus.transport.vertx.enabled", "true",
                "yoctopus.transport.vertx.port", "0",
                "yoctopus.transport.vertx.host", "127.0.0.1",
                "yoctopus.transport.vertx.event-loops", "1",
                "yoctopus.transport.vertx.worker-threads", "2",
                "yoctopus.allowed-origins", GOOD_ORIGIN,
                "yoctopus.max-text-message-size", String.valueOf(MAX_TEXT),
                "yoctopus.max-binary-message-size", String.valueOf(MAX_BINARY)),
                Where.class, Closes.class);
        ws = URI.create("ws://127.0.0.1:" + TransportBeans.vertx(container).port() + "/ws");
    }

    @AfterAll
    static void stop() {
        container.close();
    }

    private static JsonObject call(WireClient client, String endpoint, String method, String data) {
        client.send(WireClient.request("1", endpoint, method, data));
        JsonObject reply = client.nextJson();
        assertEquals("ok", reply.getJsonObject("meta").getString("status"), reply.toString());
        return reply.getJsonObject("data");
    }

    @Test
    void aNonBlockingHandlerAnswersOnTheEventLoopAnotherOnAWorker() {
        try (WireClient client = WireClient.connect(ws, GOOD)) {
            assertTrue(call(client, "where:loop", "read", "{}").getString("thread").startsWith("vert.x-eventloop-thread-"));
            assertTrue(call(client, "where:worker", "read", "{}").getString("thread").startsWith("yoctopus-worker-"));
        }
    }

    /** The core settings name the transport's own port (not the client's), and plain ws is not secure. */
    @Test
    void theCoreSettingsNameTheListenersPortAndTheClientsAddress() {
        try (WireClient client = WireClient.connect(ws, GOOD)) {
            JsonObject core = call(client, "where:settings", "read", "{}").getJsonObject("yoctopus");
            assertEquals(ws.getPort(), core.getInt("port"), core.toString());
            assertEquals("127.0.0.1", core.getString("remoteAddress"), core.toString());
            assertEquals(JsonValue.FALSE, core.get("isSecure"), core.toString());
        }
    }

    @Test
    void aConnectionsRequestsAreAnsweredInOrderAcrossTheHandOff() {
        try (WireClient client = WireClient.connect(ws, GOOD)) {
            client.send(WireClient.request("1", "where:slow", "read", "{\"millis\":300}"));
            client.send(WireClient.request("2", "where:loop", "read", "{}"));
            client.send(WireClient.request("3", "where:slow", "read", "{\"millis\":0}"));
            for (String id : new String[] {"1", "2", "3"}) {
                assertEquals(id, client.nextJson().getJsonObject("meta").getString("id"));
            }
        }
    }

    @Test
    void handshakesFromOtherOriginsOffThePathOrWithoutUpgradeAreRefused() throws Exception {
        assertEquals(403, RawWebSocket.handshakeStatus(ws, Map.of("Origin", "https://evil.example")));
        assertEquals(403, RawWebSocket.handshakeStatus(ws, Map.of()));
        assertEquals(404, RawWebSocket.handshakeStatus(ws.resolve("/other"), GOOD));
        assertEquals(101, RawWebSocket.handshakeStatus(ws, GOOD));
        HttpClient http = HttpClient.newHttpClient();
        URI plain = URI.create(ws.toString().replace("ws:", "http:"));
        assertEquals(426, http.send(HttpRequest.newBuilder(plain).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode());
        assertEquals(404, http.send(HttpRequest.newBuilder(plain.resolve("/x")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode());
    }

    @Test
    void aFrameLargerThanAnyMessageIsRefusedWith1009ByNetty() throws IOException {
        try (RawWebSocket raw = RawWebSocket.connect(ws, GOOD)) {
            raw.sendFrame(true, RawWebSocket.TEXT, new byte[MAX_BINARY + 1]);
            assertEquals(new RawWebSocket.Close(1009, "a frame may have at most " + MAX_BINARY + " bytes"),
                    raw.awaitClose(WAIT));
        }
    }

    @Test
    void messagesPastTheirLimitAreClosedWith1009() throws IOException {
        try (RawWebSocket raw = RawWebSocket.connect(ws, GOOD)) {
            raw.sendFrame(true, RawWebSocket.TEXT, new byte[MAX_TEXT + 1]);
            assertEquals(new RawWebSocket.Close(1009, "a text message may have at most " + MAX_TEXT + " bytes"),
                    raw.awaitClose(WAIT));
        }
        try (RawWebSocket raw = RawWebSocket.connect(ws, GOOD)) {
            raw.sendFrame(false, RawWebSocket.BINARY, new byte[MAX_BINARY / 2 + 1]);
            raw.sendFrame(false, RawWebSocket.CONTINUATION, new byte[MAX_BINARY / 2 + 1]);
            assertEquals(new RawWebSocket.Close(1009, "a binary message may have at most " + MAX_BINARY + " bytes"),
                    raw.awaitClose(WAIT));
        }
    }

    @Test
    void textThatIsNotUtf8IsClosedWith1007() throws IOException {
        try (RawWebSocket raw = RawWebSocket.connect(ws, GOOD)) {
            raw.sendTextBytes(new byte[] {'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'});
            assertEquals(new RawWebSocket.Close(1007, "a text message must be valid UTF-8"), raw.awaitClose(WAIT));
        }
    }

    @Test
    void fragmentsAreJoinedAcrossASplitCharacterAndBinaryFramesReachTheBinaryHandler() throws IOException {
        try (RawWebSocket raw = RawWebSocket.connect(ws, GOOD)) {
            byte[] whole = WireClient.request("f", "where:loop", "read", "{\"x\":\"😀\"}").getBytes(StandardCharsets.UTF_8);
            int split = whole.length - 6;   // inside the four bytes of the emoji
            raw.sendFrame(false, RawWebSocket.TEXT, java.util.Arrays.copyOfRange(whole, 0, split));
            raw.sendFrame(true, RawWebSocket.CONTINUATION, java.util.Arrays.copyOfRange(whole, split, whole.length));
            assertTrue(raw.nextText(WAIT).contains("\"status\":\"ok\""));
            raw.sendFrame(false, RawWebSocket.BINARY, new byte[3]);
            raw.sendFrame(true, RawWebSocket.CONTINUATION, new byte[4]);
            assertTrue(raw.nextText(WAIT).contains("\"size\":7"));
        }
    }

    /** The listener keeps the connections open now (to close them with 1001 as it stops), and only those. */
    @Test
    void aConnectionIsKeptAsOpenUntilItCloses() throws Exception {
        VertxListener listener = (VertxListener) TransportBeans.vertx(container).portListener();
        // the connections of other tests end soon after their clients have gone
        await("no connection open").atMost(WAIT).until(() -> listener.openConnections() == 0);
        try (RawWebSocket raw = RawWebSocket.connect(ws, GOOD)) {
            assertEquals(1, listener.openConnections());
            raw.sendClose(1000, "");
            raw.awaitClose(WAIT);
        }
        await("the closed connection let go").atMost(WAIT).until(() -> listener.openConnections() == 0);
    }

    @Test
    void theClosedEventCarriesTheClientsCloseCode() throws Exception {
        Closes.CLOSED.clear();
        try (RawWebSocket raw = RawWebSocket.connect(ws, GOOD)) {
            raw.sendText(WireClient.request("1", "where:loop", "read", "{}"));
            raw.nextText(WAIT);
            raw.sendClose(4001, "done");
            raw.awaitClose(WAIT);
        }
        // the closed events of other tests' connections may still come (they fire on a worker): skipped
        ConnectionClosed closed;
        do {
            closed = Closes.CLOSED.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertNotNull(closed, "no closed event with the client's code 4001");
        } while (closed.closeCode() != 4001);
        assertEquals("done", closed.reason());
    }
}
