package io.yoctopus.runtime.connection;

import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * The transport boundary: what a connection needs from whatever carries its frames, a Jakarta WebSocket session
 * ({@code transport.SessionChannel}) or another transport. Everything above it (connections, the dispatcher, the
 * heartbeat, the registry, multicast, the change tracker, events) names no transport's types.
 *
 * <p>The connection's {@link Outbox} sends one message at a time and never concurrently with another; pings may
 * come from another thread meanwhile.
 */
public interface Channel {

    /** An id for logs. */
    String id();

    /**
     * Sends a text message; {@code done} is called once, with null when the message has left or with the failure.
     * It may be called on this thread before this method returns, or later on any thread.
     */
    void sendText(String text, Consumer<Throwable> done);

    /** Sends a ping frame; false when the channel could not take it (it is closing, say). */
    boolean ping(ByteBuffer payload);

    /** Whether frames can still be sent. */
    boolean isOpen();

    /**
     * Sends the close frame with a WebSocket close code and reason and closes. May block until the client answers
     * the close (Open Liberty waits up to 30 s): call it where a wait harms no one.
     */
    void close(int code, String reason);
}
