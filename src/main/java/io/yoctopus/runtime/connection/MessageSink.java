package io.yoctopus.runtime.connection;

/** Where a connection's outgoing text goes: the WebSocket session in production. */
public interface MessageSink {

    /** Queues a message; never blocks on another connection's behalf. Dropped once the peer is gone. */
    void send(String text);

    /** Sends a ping frame, if the channel has such a thing; the answer goes to {@link Connection#ponged()}. */
    default void ping() {
    }

    /** Closes the connection with a WebSocket close code and reason. */
    void close(int code, String reason);
}
