package io.yoctopus.runtime.transport.vertx;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.util.internal.InternalThreadLocalMap;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.ServerWebSocket;
import io.yoctopus.api.events.ConnectionClosed;
import io.yoctopus.api.events.ConnectionOpened;
import io.yoctopus.api.events.YoctopusError;
import io.yoctopus.it.RawWebSocket;
import io.yoctopus.runtime.connection.Connection;
import io.yoctopus.runtime.metrics.Metrics;
import io.yoctopus.runtime.transport.ConnectionLink;
import io.yoctopus.runtime.transport.Heartbeat;
import io.yoctopus.runtime.transport.Links;
import io.yoctopus.runtime.transport.PortListener;
import io.yoctopus.runtime.transport.TransportBeans;
import io.yoctopus.runtime.transport.VertxSettings;
import io.yoctopus.testing.HeldTasks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One Vert.x WebSocket as the framework's channel: a real Vert.x server on a free port makes each handshake a
 * {@link VertxSocket} (with the worker each test chooses), over the real connection services under Weld SE, and
 * raw clients talk to it over real sockets. The test holds the server's side of each connection, to call what the
 * framework calls on it (sends, pings) and see what reaches the link (pongs, failures, the end).
 */
class VertxSocketTest {

    static final int MAX_TEXT = 1000;
    static final int MAX_BINARY = 2000;
    static final Duration WAIT = Duration.ofSeconds(10);
    static final VertxSettings SETTINGS = new VertxSettings(true, "127.0.0.1", 0, 1, 1, Optional.empty(), "", "PKCS12");
    /** A request for an endpoint nobody serves: its error answer shows the connection open. */
    static final String UNKNOWN = "{\"meta\":{\"id\":\"1\",\"endpoint\":\"nope:x\",\"method\":\"read\"},\"data\":{}}";

    /** The opened, closed and error events, as the application's observers see them. */
    @ApplicationScoped
    public static class Observed {
        private final BlockingQueue<String> opened = new LinkedBlockingQueue<>();
        private final BlockingQueue<ConnectionClosed> closed = new LinkedBlockingQueue<>();
        private final BlockingQueue<YoctopusError> errors = new LinkedBlockingQueue<>();

        void opened(@Observes ConnectionOpened event) {
            opened.add(event.connectionId());
        }

        void closed(@Observes ConnectionClosed event) {
            closed.add(event);
        }

        void failed(@Observes YoctopusError event) {
            errors.add(event);
        }

        public BlockingQueue<String> openedIds() {
            return opened;
        }

        public BlockingQueue<ConnectionClosed> closedEvents() {
            return closed;
        }

        public BlockingQueue<YoctopusError> errors() {
            return errors;
        }
    }

    /** The heartbeat as the links see it: it hears the pongs. */
    static final class PongsHeard extends Heartbeat {
        final BlockingQueue<byte[]> payloads = new LinkedBlockingQueue<>();

        @Override
        public void ponged(Connection connection, ByteBuffer payload) {
            byte[] bytes = new byte[payload.remaining()];
            payload.duplicate().get(bytes);
            payloads.add(bytes);
        }
    }

    /** Workers that run tasks until they are told to stop, then refuse them, as a stopping pool does. */
    static final class Stopping implements Executor {
        private final Executor running;
        private volatile boolean stopped;

        Stopping(Executor running) {
            this.running = running;
        }

        void stop() {
            stopped = true;
        }

        @Override
        public void execute(Runnable task) {
            if (stopped) {
                throw new RejectedExecutionException("stopping");
            }
            running.execute(task);
        }
    }

    /** The server's side of a connection: the channel, the Vert.x socket under it, its event loop's context. */
    record Accepted(VertxSocket socket, ServerWebSocket webSocket, Context context) {
    }

    private static WeldContainer container;
    private static Observed observed;
    private static ConnectionLink.Services services;
    private static final PongsHeard HEARTBEAT = new PongsHeard();
    private static ExecutorService workers;
    private static Vertx vertx;
    private static URI ws;
    /** The workers the next connection gets. */
    private static volatile Executor worker;
    private static final BlockingQueue<Accepted> ACCEPTED = new LinkedBlockingQueue<>();
    /** The sockets whose close the transport saw, in order. */
    private static final Set<VertxSocket> ENDED = ConcurrentHashMap.newKeySet();

    @BeforeAll
    static void start() throws Exception {
        container = TransportBeans.boot(Map.of(
                "yoctopus.ping-interval", "0",
                "yoctopus.max-text-message-size", String.valueOf(MAX_TEXT),
                "yoctopus.max-binary-message-size", String.valueOf(MAX_BINARY)),
                Observed.class);
        observed = container.select(Observed.class).get();
        ConnectionLink.Services real = container.select(Links.class).get().services();
        services = new ConnectionLink.Services(real.dispatcher(), real.connections(), real.coreSettings(), real.events(),
                HEARTBEAT, real.timers(), real.closer(), real.limits(), real.metrics());
        workers = Executors.newFixedThreadPool(2);
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1));
        HttpServer server = vertx.createHttpServer(VertxListener.serverOptions(SETTINGS, setup(workers).maxFrameBytes()))
                .webSocketHandler(VertxSocketTest::accept);
        server.listen().toCompletionStage().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        ws = URI.create("ws://127.0.0.1:" + server.actualPort() + "/ws");
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        workers.shutdownNow();
        container.close();
    }

    @BeforeEach
    void fresh() {
        worker = workers;
        ACCEPTED.clear();
        ENDED.clear();
        observed.openedIds().clear();
        observed.closedEvents().clear();
        observed.errors().clear();
        HEARTBEAT.payloads.clear();
    }

    private static PortListener.Setup setup(Executor worker) {
        return new PortListener.Setup(SETTINGS, services, origin -> true, worker, "/ws");
    }

    private static void accept(ServerWebSocket socket) {
        VertxSocket connection = new VertxSocket(socket, Vertx.currentContext(), ws.getPort(), setup(worker), ENDED::add);
        ACCEPTED.add(new Accepted(connection, socket, Vertx.currentContext()));
        connection.open();
    }

    private static Accepted accepted() throws InterruptedException {
        Accepted accepted = ACCEPTED.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertNotNull(accepted, "no connection accepted");
        return accepted;
    }

    /** Waits until the connection is open (its link answers), reading the answer; returns the connection's id. */
    private static String awaitOpen(RawWebSocket raw) throws IOException, InterruptedException {
        raw.sendText(UNKNOWN);
        RawWebSocket.Frame answer = raw.readFrame(WAIT);
        assertNotNull(answer, "no answer: the connection did not open");
        assertEquals(RawWebSocket.TEXT, answer.opcode());
        return next(observed.openedIds(), "opened event");
    }

    /** The closed event of the connection {@code id}; those of earlier tests' connections may still come: skipped. */
    private static ConnectionClosed closedEvent(String id) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            ConnectionClosed closed = observed.closedEvents().poll(Math.max(0, deadline - System.nanoTime()),
                    TimeUnit.NANOSECONDS);
            assertNotNull(closed, "no closed event of connection " + id + " within " + WAIT);
            if (closed.connectionId().equals(id)) {
                return closed;
            }
        }
    }

    /** The transport errors reported so far on the connection {@code id}. */
    private static List<YoctopusError> errors(String id) {
        return observed.errors().stream().filter(error -> error.connectionId().equals(Optional.of(id))).toList();
    }

    private static <T> T next(BlockingQueue<T> queue, String what) throws InterruptedException {
        T next = queue.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertNotNull(next, "none within " + WAIT + ": " + what);
        return next;
    }

    /** What a send reports: empty when sent, else why it failed. */
    private static CompletableFuture<Optional<Throwable>> send(VertxSocket socket, String text) {
        CompletableFuture<Optional<Throwable>> done = new CompletableFuture<>();
        socket.sendText(text, failure -> done.complete(Optional.ofNullable(failure)));
        return done;
    }

    @Test
    void eachConnectionIsNamedByTheClientsAddress() throws Exception {
        try (RawWebSocket first = RawWebSocket.connect(ws, Map.of());
                RawWebSocket second = RawWebSocket.connect(ws, Map.of())) {
            String one = accepted().socket().id();
            String other = accepted().socket().id();
            assertTrue(one.matches("vertx:127\\.0\\.0\\.1:\\d+"), one);
            assertNotEquals(one, other);
        }
    }

    @Test
    void aPingReachesTheClientWithItsPayload() throws Exception {
        try (RawWebSocket raw = RawWebSocket.connect(ws, Map.of())) {
            VertxSocket socket = accepted().socket();
            assertTrue(socket.isOpen());
            assertTrue(socket.ping(ByteBuffer.wrap(new byte[] {1, 2, 3})));
            RawWebSocket.Frame ping = raw.readFrame(WAIT);
            assertNotNull(ping, "no ping");
            assertEquals(RawWebSocket.PING, ping.opcode());
            assertArrayEquals(new byte[] {1, 2, 3}, ping.payload());
        }
    }

    @Test
    void aClientsPongReachesTheHeartbeat() throws Exception {
        try (RawWebSocket raw = RawWebSocket.connect(ws, Map.of())) {
            accepted();
            awaitOpen(raw);
            raw.sendPong(new byte[] {7, 8});
            assertArrayEquals(new byte[] {7, 8}, next(HEARTBEAT.payloads, "pong"));
        }
    }

    /** Once the client has closed: the transport is told, and the socket is not open, refuses pings and fails sends. */
    @Test
    void onceTheClientHasClosedPingsAreRefusedAndSendsFail() throws Exception {
        try (RawWebSocket raw = RawWebSocket.connect(ws, Map.of())) {
            VertxSocket socket = accepted().socket();
            raw.sendClose(1000, "bye");
            raw.awaitClose(WAIT);
            await("the transport told of the close").atMost(WAIT).until(() -> ENDED.contains(socket));
            assertFalse(socket.isOpen());
            assertFalse(socket.ping(ByteBuffer.wrap(new byte[] {1})));
            Optional<Throwable> failure = send(socket, "late").get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertEquals("WebSocket is closed", failure.orElseThrow().getMessage());
        }
    }

    /**
     * A send from a thread other than the event loop (a worker, a timer) is handed to the event loop: Netty leaves a
     * thread-local map on every thread that writes through it, which would outlive the application on a server's
     * thread.
     */
    @Test
    void aSendFromAnotherThreadLeavesNettyNothingOnIt() throws Exception {
        try (RawWebSocket raw = RawWebSocket.connect(ws, Map.of())) {
            VertxSocket socket = accepted().socket();
            InternalThreadLocalMap.remove();
            assertEquals(Optional.empty(), send(socket, "hello").get(WAIT.toSeconds(), TimeUnit.SECONDS));
            assertEquals("hello", raw.nextText(WAIT));
            assertNull(InternalThreadLocalMap.getIfSet());
        }
    }

    /** What sends made back to back on the event loop reported, and whether Netty's buffer was full after the last. */
    record Sends(int atOnce, CompletableFuture<Optional<Throwable>> pending, boolean full) {
    }

    /**
     * On the event loop a send counts as sent at once while Netty's buffer is below its high-water mark; past it (a
     * client that does not read), only once Netty has written it to the socket.
     */
    @Test
    void onTheEventLoopASendCountsAtOnceUntilNettysBufferIsFullThenOnlyOnceWritten() throws Exception {
        try (RawWebSocket raw = RawWebSocket.connect(ws, Map.of())) {
            Accepted accepted = accepted();
            String chunk = "x".repeat(64 * 1024);
            int most = 1024; // 64 MB, many times what the loopback's socket buffers take
            CompletableFuture<Sends> sends = new CompletableFuture<>();
            accepted.context().runOnContext(ignored -> {
                for (int atOnce = 0; atOnce < most; atOnce++) {
                    CompletableFuture<Optional<Throwable>> done = send(accepted.socket(), chunk);
                    if (!done.isDone()) {
                        sends.complete(new Sends(atOnce, done, accepted.webSocket().writeQueueFull()));
                        return;
                    }
                }
                sends.completeExceptionally(new AssertionError("every send counted as sent at once"));
            });
            Sends sent = sends.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertTrue(sent.atOnce() > 0, "no send counted as sent at once");
            assertTrue(sent.full(), "a send waited for Netty while its buffer was below the high-water mark");
            raw.readInBackground();
            assertEquals(Optional.empty(), sent.pending().get(WAIT.toSeconds(), TimeUnit.SECONDS));
        }
    }

    @Test
    void aHandshakeWhileTheWorkersAreStoppingIsRefusedWith503() throws Exception {
        worker = task -> {
            throw new RejectedExecutionException("stopping");
        };
        assertEquals(503, RawWebSocket.handshakeStatus(ws, Map.of()));
    }

    /**
     * A client that sends requests and closes before its connection has opened: once open, the requests are served,
     * in order, and then the connection is reported closed with the client's code and reason.
     */
    @Test
    void requestsAndACloseThatCameAsTheConnectionOpenedAreServedInOrderOnceOpen() throws Exception {
        HeldTasks held = new HeldTasks();
        worker = held;
        long before = services.metrics().unroutedCount(Metrics.Unrouted.UNKNOWN_ENDPOINT);
        try (RawWebSocket raw = RawWebSocket.connect(ws, Map.of())) {
            VertxSocket socket = accepted().socket();
            raw.sendText(UNKNOWN);
            raw.sendText(UNKNOWN);
            raw.sendClose(4000, "changed my mind");
            raw.awaitClose(WAIT);
            await("the transport told of the close").atMost(WAIT).until(() -> ENDED.contains(socket));
            assertEquals(before, services.metrics().unroutedCount(Metrics.Unrouted.UNKNOWN_ENDPOINT), "not yet open");
            held.runNext("the opening");
            String id = next(observed.openedIds(), "opened event");
            held.runNext("the closed report");
            ConnectionClosed closed = closedEvent(id);
            assertEquals(4000, closed.closeCode());
            assertEquals("changed my mind", closed.reason());
            assertEquals(before + 2, services.metrics().unroutedCount(Metrics.Unrouted.UNKNOWN_ENDPOINT),
                    "both requests were served before the connection ended");
        }
    }

    /** A request the client sends right before its close is still served: the closed event comes after it. */
    @Test
    void aRequestFollowedAtOnceByTheCloseIsServedBeforeTheConnectionEnds() throws Exception {
        try (RawWebSocket raw = RawWebSocket.connect(ws, Map.of())) {
            accepted();
            String id = awaitOpen(raw);
            long before = services.metrics().unroutedCount(Metrics.Unrouted.UNKNOWN_ENDPOINT);
            raw.sendText(UNKNOWN);
            raw.sendClose(1000, "");
            ConnectionClosed closed = closedEvent(id);
            assertEquals(1000, closed.closeCode());
            assertEquals(before + 1, services.metrics().unroutedCount(Metrics.Unrouted.UNKNOWN_ENDPOINT),
                    "the last request was answered");
        }
    }

    /** The closed event's observers run on a worker, or on the event loop once the workers have stopped. */
    @Test
    void aCloseWhileTheWorkersAreStoppingIsStillReported() throws Exception {
        Stopping stopping = new Stopping(workers);
        worker = stopping;
        try (RawWebSocket raw = RawWebSocket.connect(ws, Map.of())) {
            accepted();
            String id = awaitOpen(raw);
            stopping.stop();
            raw.sendClose(4001, "bye");
            raw.awaitClose(WAIT);
            ConnectionClosed closed = closedEvent(id);
            assertEquals(4001, closed.closeCode());
            assertEquals("bye", closed.reason());
        }
    }

    /** Netty refuses a frame past the largest message: the closed event carries the close it sent, not 1006. */
    @Test
    void aFrameNettyRefusesEndsTheConnectionWithItsCodeAndReason() throws Exception {
        try (RawWebSocket raw = RawWebSocket.connect(ws, Map.of())) {
            accepted();
            String id = awaitOpen(raw);
            raw.sendFrame(true, RawWebSocket.TEXT, new byte[MAX_BINARY + 1]);
            String reason = "a frame may have at most " + MAX_BINARY + " bytes";
            assertEquals(new RawWebSocket.Close(1009, reason), raw.awaitClose(WAIT));
            ConnectionClosed closed = closedEvent(id);
            assertEquals(1009, closed.closeCode());
            assertEquals(reason, closed.reason());
        }
    }

    /** A connection that just breaks (reset by the client's host) ends abnormally, and is no transport error. */
    @Test
    void aConnectionResetByTheClientEndsAbnormallyWithoutATransportError() throws Exception {
        try (RawWebSocket raw = RawWebSocket.connect(ws, Map.of())) {
            accepted();
            String id = awaitOpen(raw);
            raw.reset();
            assertEquals(1006, closedEvent(id).closeCode());
            // an error would have been fired on the event loop before the close was handed to a worker
            assertEquals(List.of(), errors(id));
        }
    }

    /**
     * The server negotiates no compression (a frame that did not inflate once left the connection open for good:
     * Netty's inflater failed again as the channel closed, and Vert.x never ran the close handler). Though the
     * client offers it, a compressed frame is a protocol error that ends the connection.
     */
    @Test
    void compressionIsNeverNegotiatedAndACompressedFrameEndsTheConnectionWith1002() throws Exception {
        try (RawWebSocket raw = RawWebSocket.connect(ws, Map.of("Sec-WebSocket-Extensions", "permessage-deflate"))) {
            accepted();
            String id = awaitOpen(raw);
            raw.sendFrame(true, 4, RawWebSocket.TEXT, new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF});
            RawWebSocket.Close close = raw.awaitClose(WAIT);
            assertEquals(1002, close.code());
            ConnectionClosed closed = closedEvent(id);
            assertEquals(1002, closed.closeCode());
            assertEquals(close.reason(), closed.reason());
        }
    }
}
