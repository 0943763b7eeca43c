package io.yoctopus.runtime.connection;

import io.yoctopus.runtime.metrics.Metrics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The outgoing messages of one connection: a bounded queue drained by asynchronous sends, one at a time
 * and in order (a WebSocket connection allows no concurrent sends), through its {@link Channel}. Any thread may send, and no sender ever
 * waits: the thread that finds the outbox idle starts the next send, and each completion starts the one
 * after. A client that does not read fills the queue; past its bounds the connection is closed with 1008
 * instead of holding ever more memory.
 *
 * <p><b>Closing so that the client reads the close frame.</b> A container that closes a session while earlier
 * frames are still queued for a slow client drops them and the close frame with them (Tyrus cancels its pending
 * writes; the client sees 1006). So a close from the server's side goes in steps: nothing more is sent and what
 * was queued here is dropped; the send already handed to the container completes; then the client is pinged with
 * {@link #CLOSE_PROBE} and its pong, which it can only send once it has read everything before the ping, proves
 * that the way is clear; only then is the session closed, and the close frame goes out at once. A client that has
 * stopped answering ({@link #giveUp}) is not pinged. Either way, {@code closeTimeout} after the close began the
 * session is closed whatever the client does.
 */
public final class Outbox implements MessageSink {

    /** The payload of the ping that confirms a client has read everything sent before its close frame. */
    static final ByteBuffer CLOSE_PROBE = ByteBuffer.wrap("yoctopus:close".getBytes(StandardCharsets.US_ASCII))
            .asReadOnlyBuffer();

    private static final Logger LOG = Logger.getLogger(Outbox.class.getName());

    private final Channel channel;
    private final int maxMessages;
    private final long maxChars;
    private final ScheduledExecutorService timers;
    private final long closeTimeoutMillis;
    private final Executor closer;
    private final Consumer<Connection.CloseStatus> whenClosed;
    private final Metrics metrics;
    private final Queue<String> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queuedMessages = new AtomicInteger();
    private final AtomicLong queuedChars = new AtomicLong();
    /** Held by the one thread sending; once the outbox is closing, held for good by the closer. */
    private final AtomicBoolean sending = new AtomicBoolean();
    private final AtomicReference<Closing> closing = new AtomicReference<>(OPEN);
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean probing;
    private volatile ScheduledFuture<?> deadline;

    /** A close the server began: its code and reason, and whether the client is to confirm it has read up to it. */
    private record Closing(Connection.CloseStatus status, boolean confirm) {
    }

    /**
     * No close begun. Also makes {@link Closing} load with the outbox: a server that stops may no longer load the
     * application's classes, and the first close of a connection may be the one at shutdown.
     */
    private static final Closing OPEN = new Closing(null, false);

    /**
     * @param maxMessages how many messages may wait, the one being sent included
     * @param maxChars how many characters they may hold together
     * @param timers runs the deadline of a close
     * @param closeTimeoutMillis how long a close may wait for the client before the session is closed anyway
     */
    public Outbox(Channel channel, int maxMessages, long maxChars, ScheduledExecutorService timers,
            long closeTimeoutMillis) {
        this(channel, maxMessages, maxChars, timers, closeTimeoutMillis, Runnable::run, status -> { }, new Metrics());
    }

    /**
     * @param closer where the channel is closed: a container may block the closing thread until the client
     *     answers the close frame (Open Liberty, up to 30 s)
     * @param closed told once the server has closed the channel, with its code and reason: the connection is over
     *     for the application from then on, whenever the transport reports it
     * @param metrics counts the messages handed to the transport, and a close for a client that does not read
     */
    public Outbox(Channel channel, int maxMessages, long maxChars, ScheduledExecutorService timers,
            long closeTimeoutMillis, Executor closer, Consumer<Connection.CloseStatus> closed, Metrics metrics) {
        this.channel = channel;
        this.metrics = metrics;
        this.maxMessages = maxMessages;
        this.maxChars = maxChars;
        this.timers = timers;
        this.closeTimeoutMillis = closeTimeoutMillis;
        this.closer = closer;
        this.whenClosed = closed;
    }

    @Override
    public void send(String message) {
        if (closing.get() != OPEN) {
            return;
        }
        String text = encodable(message);
        int messages = queuedMessages.incrementAndGet();
        long chars = queuedChars.addAndGet(text.length());
        if (messages > maxMessages || chars > maxChars) {
            release(text);
            overflow();
            return;
        }
        if (queue.isEmpty() && sending.compareAndSet(false, true)) {
            // nothing waits and nothing is in flight: out at once, without a trip through the queue (the common
            // case: a response, or a notification to a connection that reads). A close that begins meanwhile finds
            // the sender's place taken and is carried out by the drain after this send, as after any send.
            if (transmit(text)) {
                sending.set(false);
                drain();
            }
            return;
        }
        queue.add(text);
        drain();
    }

    /** Hands one message to the channel, holding the sender's place; @return whether it has completed already. */
    private boolean transmit(String text) {
        Completion completion = new Completion(text);
        metrics.frameOut();
        channel.sendText(text, completion);
        return completion.completedInline();
    }

    @Override
    public void ping(ByteBuffer payload) {
        if (closing.get() != OPEN) {
            return;
        }
        channel.ping(payload);
    }

    @Override
    public void ponged(ByteBuffer payload) {
        if (probing && CLOSE_PROBE.equals(payload)) {
            closeNow();
        }
    }

    @Override
    public void close(int code, String reason) {
        beginClose(code, reason, true);
    }

    @Override
    public void giveUp(int code, String reason) {
        beginClose(code, reason, false);
    }

    private void beginClose(int code, String reason, boolean confirm) {
        Connection.CloseStatus status = new Connection.CloseStatus(code, reason == null ? "" : reason);
        if (!closing.compareAndSet(OPEN, new Closing(status, confirm))) {
            return;
        }
        try {
            deadline = timers.schedule(this::closeAtDeadline, closeTimeoutMillis, TimeUnit.MILLISECONDS);
        } catch (RuntimeException stopping) {   // the application is stopping: no time to wait
            closeNow();
            return;
        }
        drain();
    }

    private void drain() {
        while (sending.compareAndSet(false, true)) {
            if (closing.get() != OPEN) {
                dropQueued();
                flushed();
                return;   // the sender's place stays taken: nothing is sent after the close began
            }
            String next = queue.poll();
            if (next == null) {
                sending.set(false);
                if (queue.isEmpty() && closing.get() == OPEN) {
                    return;
                }
                continue;   // a message or a close arrived between the poll and the release
            }
            if (!transmit(next)) {
                return; // the completion starts the next send
            }
            sending.set(false);
        }
    }

    /**
     * A fresh, writable copy of {@link #CLOSE_PROBE} for one ping: Open Liberty's socket writer fails on a read-only
     * buffer ({@code ReadOnlyBufferException} from {@code arrayOffset}), and a container may consume the buffer it
     * is given.
     */
    static ByteBuffer closeProbe() {
        return ByteBuffer.allocate(CLOSE_PROBE.remaining()).put(CLOSE_PROBE.duplicate()).flip();
    }

    /** Everything handed to the container has left it: confirm with the client, or close at once. */
    private void flushed() {
        Closing close = closing.get();
        if (!close.confirm() || !channel.isOpen()) {
            closeNow();
            return;
        }
        probing = true;
        if (!channel.ping(closeProbe())) {
            closeNow();
        }
    }

    private void closeAtDeadline() {
        if (!closed.get()) {
            LOG.fine(() -> "connection " + channel.id() + ": the client did not read up to the close within "
                    + closeTimeoutMillis + " ms; closing anyway");
            closeNow();
        }
    }

    private void closeNow() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        ScheduledFuture<?> timer = deadline;
        if (timer != null) {
            timer.cancel(false);
        }
        Connection.CloseStatus status = closing.get().status();
        whenClosed.accept(status);
        try {
            closer.execute(() -> channel.close(status.code(), status.reason()));
        } catch (RejectedExecutionException stopping) {
            channel.close(status.code(), status.reason());
        }
    }

    /**
     * The text with every unpaired surrogate replaced by its JSON escape (backslash, u, four hex digits).
     * Such a char has no UTF-8 form: Tyrus fails the send with an {@code Error}, which left the outbox busy
     * for good. It arrives in JSON strings from clients (as an escape) and goes back in echoes, settings,
     * multicasts. Outgoing text is JSON, where a lone surrogate can stand only inside a string, and there
     * the escape means the same character.
     */
    static String encodable(String text) {
        int n = text.length();
        for (int i = 0; i < n; i++) {
            if (Character.isSurrogate(text.charAt(i))) {
                if (!paired(text, i)) {
                    return escapeLoneSurrogates(text, i);
                }
                i++;
            }
        }
        return text;
    }

    private static String escapeLoneSurrogates(String text, int from) {
        StringBuilder out = new StringBuilder(text.length() + 16).append(text, 0, from);
        for (int i = from, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (!Character.isSurrogate(c)) {
                out.append(c);
            } else if (paired(text, i)) {
                out.append(c).append(text.charAt(++i));
            } else {
                out.append("\\u").append(Integer.toHexString(c));
            }
        }
        return out.toString();
    }

    /** Whether the surrogate at {@code i} is the high half of a pair. */
    private static boolean paired(String text, int i) {
        return Character.isHighSurrogate(text.charAt(i)) && i + 1 < text.length()
                && Character.isLowSurrogate(text.charAt(i + 1));
    }

    private void overflow() {
        if (closing.get() == OPEN) {
            metrics.slowConsumerClosed();
            LOG.warning(() -> "closing connection " + channel.id() + ": the client does not read its messages ("
                    + maxMessages + " messages or " + maxChars + " characters queued)");
            close(CloseCodes.VIOLATED_POLICY, "outbound queue full: the client does not read");
        }
    }

    /** The messages held here, the one in flight included: what counts against {@code maxMessages}. */
    int queuedMessages() {
        return queuedMessages.get();
    }

    /** Their characters: what counts against {@code maxChars}. */
    long queuedChars() {
        return queuedChars.get();
    }

    /** Drops what waits here; the send the container has is left to finish. */
    private void dropQueued() {
        for (String text = queue.poll(); text != null; text = queue.poll()) {
            release(text);
        }
    }

    private void release(String text) {
        queuedMessages.decrementAndGet();
        queuedChars.addAndGet(-text.length());
    }

    /**
     * The end of one send. A send may complete inside {@code sendText} itself; then the draining loop
     * goes on, and completions never recurse into each other.
     */
    private final class Completion implements Consumer<Throwable> {
        private static final int PENDING = 0;
        private static final int DONE_INLINE = 1;
        private static final int LEFT = 2;

        private final String text;
        private final AtomicInteger state = new AtomicInteger(PENDING);

        Completion(String text) {
            this.text = text;
        }

        @Override
        public void accept(Throwable failure) {
            release(text);
            if (failure != null) {
                LOG.log(Level.FINE, "a message to a closing connection was dropped", failure);
            }
            if (!state.compareAndSet(PENDING, DONE_INLINE)) {
                sending.set(false);
                drain();
            }
        }

        /** Called by the sender after {@code sendText}: true when the send has completed already. */
        boolean completedInline() {
            return !state.compareAndSet(PENDING, LEFT);
        }
    }
}
