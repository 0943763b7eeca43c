package io.yoctopus.runtime.connection;

import io.yoctopus.runtime.metrics.Metrics;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Everything one client connection owns: its id, its settings, its outgoing channel, the queue of its
 * requests and the count of what it holds against its {@link Quotas}. Requests run one after another in
 * arrival order; the next starts when the previous has completed, even when a handler completes
 * asynchronously. The frames it receives and the notifications it is sent are counted in the application's
 * {@link Metrics}.
 */
public final class Connection {

    private static final CompletableFuture<Void> IDLE = CompletableFuture.completedFuture(null);

    private final String id;
    private final MessageSink sink;
    private final SettingsStore settings = new SettingsStore();
    private final RateLimiter rateLimiter;
    private final ConnectionQuotas quotas;
    private final Executor worker;
    private final Liveness liveness = new Liveness();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicReference<CloseStatus> serverClose = new AtomicReference<>();
    private volatile CompletableFuture<Void> lastRequest = IDLE;
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private final Metrics metrics;
    private final long openedAtMillis = System.currentTimeMillis();

    /** A connection without a request rate limit, with the default quotas, counted in figures of its own. */
    public Connection(String id, MessageSink sink) {
        this(id, sink, null, Quotas.DEFAULTS, new Metrics());
    }

    /**
     * @param rateLimiter limits the rate of requests; {@code null} for none
     * @param metrics the application's figures
     */
    public Connection(String id, MessageSink sink, RateLimiter rateLimiter, Quotas quotas, Metrics metrics) {
        this(id, sink, rateLimiter, quotas, metrics, null);
    }

    /**
     * @param rateLimiter limits the rate of requests; {@code null} for none
     * @param metrics the application's figures
     * @param worker where the handlers that may block run, when the thread that reads the connection's frames must
     *     never block (an event loop); {@code null} to run every handler on the reading thread
     */
    public Connection(String id, MessageSink sink, RateLimiter rateLimiter, Quotas quotas, Metrics metrics,
            Executor worker) {
        this.id = id;
        this.sink = sink;
        this.rateLimiter = rateLimiter;
        this.quotas = new ConnectionQuotas(quotas);
        this.metrics = metrics;
        this.worker = worker;
    }

    public String id() {
        return id;
    }

    /** Where handlers that may block run; {@code null} when they run on the thread that read their frame. */
    public Executor worker() {
        return worker;
    }

    public SettingsStore settings() {
        return settings;
    }

    /** What this connection holds against its quotas. */
    public ConnectionQuotas quotas() {
        return quotas;
    }

    public void send(String text) {
        sink.send(text);
    }

    /** Sends a notification (a message the client did not ask for), counting it. */
    public void notify(String notification) {
        metrics.notificationSent();
        sink.send(notification);
    }

    /** When the connection was made, in milliseconds since the epoch ({@link System#currentTimeMillis()}). */
    public long openedAtMillis() {
        return openedAtMillis;
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
        metrics.frameIn();
        liveness.heard();
    }

    /**
     * Runs a request after every earlier one, unless it would pass the pending-requests quotas: then it is
     * dropped, and the quota's error returned, for the caller to answer the client with at once (ahead of the
     * responses still pending). Called by the container for one connection at a time; the request must
     * complete normally (errors become responses).
     *
     * @param size the characters of the request's frame (bytes of a binary frame), held until it is answered
     * @return the error of the quota the request would pass; empty when it is queued
     */
    public Optional<String> enqueue(int size, Supplier<CompletableFuture<Void>> request) {
        metrics.frameIn();
        liveness.heard(); // a frame from the client shows it alive as well as a pong does
        Optional<String> refusal = quotas.admitRequest(size);
        if (refusal.isPresent()) {
            return refusal;
        }
        liveness.handling(true);
        try {
            CompletableFuture<Void> previous = lastRequest;
            CompletableFuture<Void> next = previous.isDone() ? request.get() : previous.thenCompose(done -> request.get());
            if (next.isDone()) {
                quotas.requestDone(size); // answered already: the usual case, with nothing more to allocate
            } else {
                next.whenComplete((done, failure) -> quotas.requestDone(size));
            }
            lastRequest = next;
        } finally {
            liveness.handling(false);
        }
        return Optional.empty();
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
