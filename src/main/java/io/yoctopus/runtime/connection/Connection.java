package io.yoctopus.runtime.connection;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Everything one client connection owns: its id, its settings, its outgoing channel and the queue of
 * its requests. Requests run one after another in arrival order; the next starts when the previous has
 * completed, even when a handler completes asynchronously.
 */
public final class Connection {

    private static final CompletableFuture<Void> IDLE = CompletableFuture.completedFuture(null);

    private final String id;
    private final MessageSink sink;
    private final SettingsStore settings = new SettingsStore();
    private final RateLimiter rateLimiter;
    private final Liveness liveness = new Liveness();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicReference<CloseStatus> serverClose = new AtomicReference<>();
    private volatile CompletableFuture<Void> lastRequest = IDLE;
    private final CompletableFuture<Void> ended = new CompletableFuture<>();

    /** A connection without a request rate limit. */
    public Connection(String id, MessageSink sink) {
        this(id, sink, null);
    }

    /**
     * @param rateLimiter limits the rate of requests; {@code null} for none
     */
    public Connection(String id, MessageSink sink, RateLimiter rateLimiter) {
        this.id = id;
        this.sink = sink;
        this.rateLimiter = rateLimiter;
    }

    public String id() {
        return id;
    }

    public SettingsStore settings() {
        return settings;
    }

    public void send(String text) {
        sink.send(text);
    }

    /**
     * Closes the connection from the server's side, delivering the close frame after what was sent before it
     * (see {@link MessageSink#close}); the first such close names the code and reason.
     */
    public void close(int code, String reason) {
        serverClose.compareAndSet(null, new CloseStatus(code, reason == null ? "" : reason));
        sink.close(code, reason);
    }

    /** Closes a connection whose client stopped answering: without waiting for it (see {@link MessageSink#giveUp}). */
    public void giveUp(int code, String reason) {
        serverClose.compareAndSet(null, new CloseStatus(code, reason == null ? "" : reason));
        sink.giveUp(code, reason);
    }

    /**
     * The code and reason the server closed the connection with, or null when the server did not close
     * it. The transport may report the client's echo of the close instead, which lost the reason.
     */
    public CloseStatus serverClose() {
        return serverClose.get();
    }

    /** A WebSocket close code and reason. */
    public record CloseStatus(int code, String reason) {
    }

    /**
     * Whether one more frame (a request, a malformed or a binary frame alike) is within the rate limit; called
     * by the request pipeline only.
     */
    public boolean admitRequest() {
        return rateLimiter == null || rateLimiter.tryAcquire(System.nanoTime());
    }

    /** How long the client has been silent, as the heartbeat judges it. */
    public Liveness liveness() {
        return liveness;
    }

    /** Pings the client; its pong, carrying {@code payload} back, goes to {@link #ponged}. */
    public void ping(ByteBuffer payload) {
        sink.ping(payload);
    }

    /** The client answered a ping (or sent a pong of its own). */
    public void ponged(ByteBuffer payload) {
        liveness.heard();
        sink.ponged(payload);
    }

    /** A fragment of a message still arriving shows the client alive, as a whole frame or a pong does. */
    public void fragmentArrived() {
        liveness.heard();
    }

    /**
     * Runs a request after every earlier one. Called by the container for one connection at a time; the
     * request must complete normally (errors become responses).
     */
    public void enqueue(Supplier<CompletableFuture<Void>> request) {
        liveness.heard(); // a frame from the client shows it alive as well as a pong does
        liveness.handling(true);
        try {
            CompletableFuture<Void> previous = lastRequest;
            lastRequest = previous.isDone() ? request.get() : previous.thenCompose(done -> request.get());
        } finally {
            liveness.handling(false);
        }
    }

    /** Marks the connection closed; true only for the first call. */
    boolean markClosed() {
        return closed.compareAndSet(false, true);
    }

    public boolean isClosed() {
        return closed.get();
    }

    /** Completes once the connection has closed and its closed event has been fired. */
    CompletableFuture<Void> ended() {
        return ended;
    }

    /** Completes when every request enqueued so far has completed. */
    public CompletableFuture<Void> drained() {
        return lastRequest;
    }
}
