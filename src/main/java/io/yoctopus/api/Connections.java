package io.yoctopus.api;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The open connections, injectable: the Node version's {@code server.connectionRegister}. Thread-safe; a
 * connection leaves it when it has closed and its last request has completed.
 */
public interface Connections {

    /** The ids of the open connections, a snapshot. */
    Set<String> ids();

    /** An open connection by id. */
    Optional<ConnectionHandle> find(String id);

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
