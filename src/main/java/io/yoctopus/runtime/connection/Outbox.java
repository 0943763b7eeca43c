package io.yoctopus.runtime.connection;

import jakarta.websocket.CloseReason;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The outgoing messages of one connection: a bounded queue drained by asynchronous sends, one at a time
 * and in order (a WebSocket session allows no concurrent sends). Any thread may send, and no sender ever
 * waits: the thread that finds the outbox idle starts the next send, and each completion starts the one
 * after. A client that does not read fills the queue; past its bounds the connection is closed with 1008
 * instead of holding ever more memory.
 */
public final class Outbox implements MessageSink {

    private static final Logger LOG = Logger.getLogger(Outbox.class.getName());
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final Session session;
    private final int maxMessages;
    private final long maxChars;
    private final Queue<String> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queuedMessages = new AtomicInteger();
    private final AtomicLong queuedChars = new AtomicLong();
    private final AtomicBoolean sending = new AtomicBoolean();
    private final AtomicBoolean overflowed = new AtomicBoolean();

    /**
     * @param maxMessages how many messages may wait, the one being sent included
     * @param maxChars how many characters they may hold together
     */
    public Outbox(Session session, int maxMessages, long maxChars) {
        this.session = session;
        this.maxMessages = maxMessages;
        this.maxChars = maxChars;
    }

    @Override
    public void send(String message) {
        if (overflowed.get()) {
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
        queue.add(text);
        drain();
    }

    @Override
    public void ping() {
        try {
            session.getAsyncRemote().sendPing(EMPTY.duplicate());
        } catch (IOException | IllegalStateException | IllegalArgumentException gone) {
            LOG.log(Level.FINE, "could not ping a closing connection", gone);
        }
    }

    @Override
    public void close(int code, String reason) {
        try {
            if (session.isOpen()) {
                session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
            }
        } catch (IOException | IllegalStateException e) {
            LOG.log(Level.FINE, "the connection was already gone", e);
        }
    }

    private void drain() {
        while (!queue.isEmpty() && sending.compareAndSet(false, true)) {
            String next = queue.poll();
            if (next == null) {
                sending.set(false);
                continue;
            }
            Completion completion = new Completion(next);
            try {
                session.getAsyncRemote().sendText(next, completion);
            } catch (RuntimeException closing) { // closing, or anything else: the outbox must not stay busy
                completion.onResult(new SendResult(closing));
            }
            if (!completion.completedInline()) {
                return; // the completion starts the next send
            }
            sending.set(false);
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
        if (overflowed.compareAndSet(false, true)) {
            queue.clear();
            LOG.warning(() -> "closing connection " + session.getId() + ": the client does not read its messages ("
                    + maxMessages + " messages or " + maxChars + " characters queued)");
            close(CloseReason.CloseCodes.VIOLATED_POLICY.getCode(), "outbound queue full: the client does not read");
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
    private final class Completion implements jakarta.websocket.SendHandler {
        private static final int PENDING = 0;
        private static final int DONE_INLINE = 1;
        private static final int LEFT = 2;

        private final String text;
        private final AtomicInteger state = new AtomicInteger(PENDING);

        Completion(String text) {
            this.text = text;
        }

        @Override
        public void onResult(SendResult result) {
            release(text);
            if (!result.isOK()) {
                LOG.log(Level.FINE, "a message to a closing connection was dropped", result.getException());
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
