package io.yoctopus.runtime.connection;

import java.nio.ByteBuffer;

/** Where a connection's outgoing text goes: the WebSocket session in production. */
public interface MessageSink {

    /** Queues a message; never blocks on another connection's behalf. Dropped once the peer is gone. */
    void send(String text);

    /** Sends a ping frame, if the channel has such a thing; the answer goes to {@link Connection#ponged}. */
    default void ping(ByteBuffer payload) {
    }

    /** The client's pong arrived, with the payload of the ping it answers. */
    default void ponged(ByteBuffer payload) {
    }

    /**
     * Closes the connection with a WebSocket close code and reason, so that the client reads the close frame:
     * nothing more is sent, what was handed to the transport reaches the client first, then the close frame.
     */
    void close(int code, String reason);

    /**
     * Closes the connection of a client that stopped answering: as {@link #close}, but without waiting for the
     * client to confirm that it has read what came before.
     */
    default void giveUp(int code, String reason) {
        close(code, reason);
    }
}
