package io.yoctopus.runtime.transport;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerContainer;
import java.util.Map;
import java.util.Optional;

/**
 * What one WebSocket container needs done beyond the Jakarta WebSocket API, in one place per server: the
 * implementations live in {@code io.yoctopus.runtime.adapters.<server>} and are plain classes, loaded by
 * {@link ContainerAdapters} only once their server is detected, so that no bean names a server's types
 * (CDI inspects bean members on every server and drops a bean whose types are missing). Every method has a
 * do-nothing default: a server without quirks needs no adapter.
 */
public interface ContainerAdapter {

    /** The adapter of a server that needs nothing beyond the standard. */
    ContainerAdapter NONE = new ContainerAdapter() {
    };

    /** The server's name, for logs and operators. */
    default String name() {
        return "standard";
    }

    /**
     * Called once as the application starts, before any connection: bound the container's own buffers by the
     * framework's limits.
     *
     * @param maxFrameBytes the largest frame the framework accepts (text or binary), header excluded
     */
    default void started(ServerContainer container, int maxFrameBytes) {
    }

    /** Called when a session opens, before the framework uses it. */
    default void opened(Session session) {
    }

    /**
     * Called when the container reports a closed session, before the framework handles the close: where the
     * container closed the session itself for a reason the framework reports otherwise (a frame larger than
     * the container's buffer, say), the adapter may close it with the framework's code instead and return it.
     */
    default Optional<CloseReason> replaceClose(Session session, CloseReason reason) {
        return Optional.empty();
    }

    /** Called once a session has closed: release what the container would otherwise keep of it. */
    default void closed(Session session) {
    }

    /** Counters worth showing operators, by name. */
    default Map<String, Long> statistics() {
        return Map.of();
    }

    /** Called once as the application stops. */
    default void stop() {
    }
}
