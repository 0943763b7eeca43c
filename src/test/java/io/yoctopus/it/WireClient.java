package io.yoctopus.it;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;

import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A small WebSocket test client on the JDK's {@link java.net.http.WebSocket}.
 *
 * <p>Incoming text messages (and, separately, binary messages) are assembled from
 * their frames and queued; {@link #next()} takes the next whole text message,
 * waiting up to {@link #TIMEOUT}. Flow control asks for one frame at a time.
 *
 * <pre>{@code
 * try (WireClient client = WireClient.connect(Deployments.wsUri(base))) {
 *     client.send("{\"meta\":{...},\"data\":{...}}");
 *     JsonObject reply = client.nextJson();
 * }
 * }</pre>
 */
public final class WireClient implements AutoCloseable {

    /** How long {@link #next()}, {@link #awaitClose()}, connecting and sending wait. */
    public static final Duration TIMEOUT = Duration.ofSeconds(10);

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(TIMEOUT)
            .build();
    private static final JsonProvider JSON = JsonProvider.provider();

    private final URI uri;
    private final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
    private final BlockingQueue<byte[]> binaries = new LinkedBlockingQueue<>();
    private final CompletableFuture<CloseStatus> closed = new CompletableFuture<>();
    private WebSocket webSocket;

    /** Close code and reason sent by the server (or the error that ended the connection). */
    public record CloseStatus(int code, String reason) {
    }

    private WireClient(URI uri) {
        this.uri = uri;
    }

    /** Opens a connection; fails the test if the handshake does not complete within {@link #TIMEOUT}. */
    public static WireClient connect(URI uri) {
        return connect(uri, Map.of());
    }

    /**
     * Opens a connection with extra handshake headers (e.g. {@code Map.of("Origin", "http://evil.example")}).
     * The JDK refuses to set {@code Host}, {@code Connection}, {@code Upgrade} and {@code Sec-WebSocket-*}.
     */
    public static WireClient connect(URI uri, Map<String, String> headers) {
        return connect(HTTP, uri, headers);
    }

    /** Opens a connection through the given client (one that trusts a test certificate, for wss). */
    public static WireClient connect(HttpClient http, URI uri, Map<String, String> headers) {
        WireClient client = new WireClient(uri);
        WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(TIMEOUT);
        headers.forEach(builder::header);
        try {
            client.webSocket = builder.buildAsync(uri, client.new Listener())
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return client;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException hs) {
                throw new AssertionError("WebSocket handshake to " + uri + " was refused with HTTP "
                        + hs.getResponse().statusCode(), hs);
            }
            throw new AssertionError("Could not connect to " + uri + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("No WebSocket handshake with " + uri + " within " + TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while connecting to " + uri, e);
        }
    }

    /**
     * Tries a handshake that is expected to be refused and returns the HTTP status of the
     * refusal (e.g. 403). Fails the test if the connection is accepted.
     */
    public static int handshakeStatus(URI uri, Map<String, String> headers) {
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(TIMEOUT);
        headers.forEach(builder::header);
        try {
            WebSocket ws = builder.buildAsync(uri, new WebSocket.Listener() { })
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            ws.abort();
            throw new AssertionError("Expected the handshake to " + uri + " with " + headers
                    + " to be refused, but it was accepted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException hs) {
                return hs.getResponse().statusCode();
            }
            throw new AssertionError("Could not connect to " + uri + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("No handshake answer from " + uri + " within " + TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while connecting to " + uri, e);
        }
    }

    /** Sends one whole text message and waits until it has been handed to the network. */
    public synchronized void send(String text) {
        await(webSocket.sendText(text, true), "send a text message");
    }

    /** A request frame; {@code data} is JSON text, sent as it is (malformed on purpose, say). */
    public static String request(String id, String endpoint, String method, String data) {
        JsonObject meta = JSON.createObjectBuilder()
                .add("id", id).add("endpoint", endpoint).add("method", method)
                .build();
        return "{\"meta\":" + meta + ",\"data\":" + data + "}";
    }

    /** Sends a JSON object as one text message. */
    public void send(JsonObject json) {
        send(json.toString());
    }

    /** Sends one whole binary message. */
    public synchronized void sendBinary(byte[] data) {
        await(webSocket.sendBinary(ByteBuffer.wrap(data), true), "send a binary message");
    }

    /** The next whole text message, waiting up to {@link #TIMEOUT}. */
    public String next() {
        return next(TIMEOUT);
    }

    /** The next whole text message, waiting up to {@code timeout}. */
    public String next(Duration timeout) {
        return take(texts, timeout, "text message");
    }

    /** The next text message parsed as a JSON object (JSON-P). */
    public JsonObject nextJson() {
        String text = next();
        try (var reader = JSON.createReader(new StringReader(text))) {
            return reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new AssertionError("Message from " + uri + " is not a JSON object: " + text, e);
        }
    }

    /** The next whole binary message, waiting up to {@link #TIMEOUT}. */
    public byte[] nextBinary() {
        return take(binaries, TIMEOUT, "binary message");
    }

    /**
     * Fails the test if a text message has arrived and not been taken, or arrives before {@code end} (a
     * {@link System#nanoTime()}); the "nothing arrives" checks go through {@link QuietPeriod#assertNoMessage}.
     */
    void assertNoMessageBefore(long end) {
        try {
            String unexpected = texts.poll(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (unexpected != null) {
                throw new AssertionError("Expected no message from " + uri + " within " + QuietPeriod.LENGTH
                        + " but got: " + unexpected);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted", e);
        }
    }

    /** Drops the text messages received and not yet taken. */
    public void drain() {
        texts.clear();
    }

    /** Text messages received and not yet taken. */
    public int pending() {
        return texts.size();
    }

    /**
     * Waits up to {@link #TIMEOUT} for the server to close the connection and returns
     * its close code (e.g. 1000, 1008); {@link #closeReason()} has the reason.
     */
    public int awaitClose() {
        return closeStatus(TIMEOUT).code();
    }

    /** The reason the server gave when it closed the connection; waits like {@link #awaitClose()}. */
    public String closeReason() {
        return closeStatus(TIMEOUT).reason();
    }

    /** Whether the server has closed the connection (or it failed). */
    public boolean isClosed() {
        return closed.isDone();
    }

    /** Closes normally (1000) if still open, waiting briefly for the server's answer; never throws. */
    @Override
    public void close() {
        if (webSocket == null) {
            return;
        }
        try {
            if (!webSocket.isOutputClosed()) {
                webSocket.sendClose(WebSocket.NORMAL_CLOSURE, "")
                        .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
            closed.get(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception ignored) {
            // already closed or broken: abort below
        } finally {
            webSocket.abort();
        }
    }

    private CloseStatus closeStatus(Duration timeout) {
        try {
            return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("Server at " + uri + " did not close the connection within " + timeout, e);
        } catch (ExecutionException e) {
            throw new AssertionError("Connection to " + uri + " failed instead of closing: " + e.getCause(),
                    e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted", e);
        }
    }

    private <T> T take(BlockingQueue<T> queue, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                T item = queue.poll(50, TimeUnit.MILLISECONDS);
                if (item != null) {
                    return item;
                }
                if (closed.isDone() && queue.isEmpty()) {
                    throw new AssertionError("Waiting for a " + what + " from " + uri
                            + " but the connection ended: " + describeEnd());
                }
                if (System.nanoTime() - deadline > 0) {
                    throw new AssertionError("No " + what + " from " + uri + " within " + timeout
                            + " (still open: " + !closed.isDone() + ")");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while waiting for a " + what, e);
        }
    }

    private String describeEnd() {
        try {
            CloseStatus status = closed.getNow(null);
            return "closed with " + status.code() + " '" + status.reason() + "'";
        } catch (Exception e) {
            return "error " + e.getCause();
        }
    }

    private static void await(CompletableFuture<?> future, String what) {
        try {
            future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("Could not " + what + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("Could not " + what + " within " + TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while trying to " + what, e);
        }
    }

    /** Assembles partial messages (the {@code last} flag) and asks for one frame at a time. */
    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();
        private final ByteArrayOutputStream binary = new ByteArrayOutputStream();

        @Override
        public void onOpen(WebSocket ws) {
            ws.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                texts.add(text.toString());
                text.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            byte[] chunk = new byte[data.remaining()];
            data.get(chunk);
            binary.writeBytes(chunk);
            if (last) {
                binaries.add(binary.toByteArray());
                binary.reset();
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closed.complete(new CloseStatus(statusCode, reason));
            return null; // the JDK then answers the close frame
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closed.completeExceptionally(error);
        }
    }
}
