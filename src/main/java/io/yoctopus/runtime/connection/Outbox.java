package io.yoctopus.runtime.connection;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The outgoing messages of one connection. Any thread may send; messages leave in the order they were
 * queued, and a WebSocket session never sees two sends at once (the platform forbids it). The thread
 * that finds the outbox idle drains it; the others only enqueue, so no sender waits for a lock.
 */
public final class Outbox implements MessageSink {

    private static final Logger LOG = Logger.getLogger(Outbox.class.getName());

    private final Session session;
    private final Queue<String> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();

    public Outbox(Session session) {
        this.session = session;
    }

    @Override
    public void send(String text) {
        queue.add(text);
        drain();
    }

    private void drain() {
        while (!queue.isEmpty() && draining.compareAndSet(false, true)) {
            try {
                String next;
                while ((next = queue.poll()) != null) {
                    write(next);
                }
            } finally {
                draining.set(false);
            }
        }
    }

    @Override
    public void close(int code, String reason) {
        try {
            session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
        } catch (IOException e) {
            LOG.log(Level.FINE, "the connection was already gone", e);
        }
    }

    private void write(String text) {
        if (!session.isOpen()) {
            return;
        }
        try {
            session.getBasicRemote().sendText(text);
        } catch (IOException | IllegalStateException e) {
            LOG.log(Level.FINE, "dropped a message to a closing connection", e);
        }
    }
}
