package io.yoctopus.runtime.connection;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Everything one client connection owns: its id, its settings, its outgoing channel, the queue of its
 * requests and the count of what it holds against its {@link Quotas}. Requests run one after another in
 * arrival order; the next starts when the previous has completed, even when a handler completes
 * asynchronously.
 */
public final class Connection {

    private static final CompletableFuture<Void> IDLE = CompletableFuture.completedFuture(null);

    private final String id;
    private final MessageSink sink;
    private final SettingsStore settings = new SettingsStore();
    private final RateLimiter rateLimiter;
    private final ConnectionQuotas quotas;
    private final AtomicInteger unansweredPings = new AtomicInteger();
    /** Whether a frame or pong of the client arrived since the last heartbeat. */
    private volatile boolean heardFrom;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Whether the container's thread is inside {@link #enqueue} (a synchronous handler, say) for this connection. */
    private volatile boolean handlingFrame;
    private final AtomicReference<CloseStatus> serverClose = new AtomicReference<>();
    private volatile CompletableFuture<Void> lastRequest = IDLE;

    /** A connection without a request rate limit, with the default quotas. */
    public Connection(String id, MessageSink sink) {
        this(id, sink, null, Quotas.DEFAULTS);
    }

    /**
     * @param rateLimiter limits the rate of requests; {@code null} for none
     */
    public Connection(String id, MessageSink sink, RateLimiter rateLimiter, Quotas quotas) {
        this.id = id;
        this.sink = sink;
        this.rateLimiter = rateLimiter;
        this.quotas = new ConnectionQuotas(quotas);
    }

    public String id() {
        return id;
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

    /** Closes the connection from the server's side; the first such close names the code and reason. */
    public void close(int code, String reason) {
        serverClose.compareAndSet(null, new CloseStatus(code, reason == null ? "" : reason));
        sink.close(code, reason);
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

    /** Whether one more request is within the rate limit; called by the request pipeline only. */
    public boolean admitRequest() {
        return rateLimiter == null || rateLimiter.tryAcquire(System.nanoTime());
    }

    /**
     * Pings the client, unless it left more than {@code maxLost} pings unanswered already. A client heard
     * from since the last heartbeat is alive without a ping: a busy connection is never pinged, and an
     * idle one answering its pings is pinged every other beat (half the ping and pong frames, which at
     * 10,000 idle connections and the default 250 ms took most of a core). Counts nothing while a frame of
     * the client is being handled: the container reads its pongs only after that frame.
     *
     * @return false when the client is to be given up
     */
    public boolean heartbeat(int maxLost) {
        if (handlingFrame) {
            return true;
        }
        if (heardFrom) {
            heardFrom = false;
            unansweredPings.set(0);
            return true;
        }
        if (unansweredPings.get() > maxLost) {
            return false;
        }
        unansweredPings.incrementAndGet();
        sink.ping();
        return true;
    }

    /** The client answered a ping. */
    public void ponged() {
        heard();
    }

    /** A fragment of a message still arriving shows the client alive, as a whole frame or a pong does. */
    public void fragmentArrived() {
        heard();
    }

    /** Reads before writing: a volatile write per frame costs a fence, and mostly the flag is set already. */
    private void heard() {
        if (!heardFrom) {
            heardFrom = true;
        }
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
        heard(); // a frame from the client shows it alive as well as a pong does
        Optional<String> refusal = quotas.admitRequest(size);
        if (refusal.isPresent()) {
            return refusal;
        }
        handlingFrame = true;
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
            handlingFrame = false;
        }
        return refusal;
    }

    /** Marks the connection closed; true only for the first call. */
    boolean markClosed() {
        return closed.compareAndSet(false, true);
    }

    public boolean isClosed() {
        return closed.get();
    }

    /** Completes when every request enqueued so far has completed. */
    public CompletableFuture<Void> drained() {
        return lastRequest;
    }
}
