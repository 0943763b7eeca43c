package io.yoctopus.api;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The open connections, injectable: the Node version's {@code server.connectionRegister}. Thread-safe; a
 * connection leaves it when it has closed and its last request has completed.
 *
 * <p>In a cluster ({@code README}, "Clustering") each instance holds its own connections: {@link #ids()} and
 * {@link #find} see this instance's, while {@link #notify(String, String, Object)} and {@link #close(String, int,
 * String)} reach a connection wherever it is open.
 */
public interface Connections {

    /** The ids of the connections open on this instance, a snapshot. */
    Set<String> ids();

    /** A connection open on this instance, by id. */
    Optional<ConnectionHandle> find(String id);

    /**
     * Pushes a notification to the connection {@code connectionId} wherever it is open: here at once, or through the
     * cluster by the instance that holds it (serialized once, here). Nothing happens when no instance holds it.
     * Notifications this instance sends to one connection arrive in the order they were sent.
     */
    void notify(String connectionId, String type, Object data);

    /**
     * Closes the connection {@code connectionId} with a WebSocket close code and reason wherever it is open, like
     * {@link ConnectionHandle#close}. Nothing happens when no instance holds it.
     */
    void close(String connectionId, int code, String reason);

    /** What can be done with an open connection from outside its requests. */
    interface ConnectionHandle {

        String id();

        /** Pushes a notification; dropped once the connection is gone. */
        void notify(String type, Object data);

        /** Closes the connection with a WebSocket close code (e.g. 1000, 1008) and reason. */
        void close(int code, String reason);

        /** The connection's settings store, {@code {plugin: {key: value}}}: the Node version's {@code exportStore()}. */
        Map<String, Map<String, Object>> exportSettings();
    }
}
