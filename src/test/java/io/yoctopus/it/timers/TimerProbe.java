package io.yoctopus.it.timers;

import io.yoctopus.api.ConnectionId;
import io.yoctopus.api.Handles;
import io.yoctopus.api.Plugin;
import io.yoctopus.api.RequestRejected;
import io.yoctopus.api.events.ConnectionClosed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Test plugin {@code timers}: remembers on which thread each connection was closed (a close by Tyrus's
 * idle timeout runs on the thread of the scheduler that fired it) and tells it over the wire.
 */
@Plugin("timers")
@ApplicationScoped
public class TimerProbe {

    private final Map<String, String> closedOn = new ConcurrentHashMap<>();

    void closed(@Observes ConnectionClosed event) {
        closedOn.put(event.connectionId(), Thread.currentThread().getName());
    }

    /** {@code timers:me} {@code read} → {@code {"id": connection id}} */
    @Handles(endpoint = "me", method = "read")
    public Map<String, String> me(@ConnectionId String id) {
        return Map.of("id", id);
    }

    /** {@code timers:closed} {@code read} {@code "connection id"} → {@code {"thread": name}} */
    @Handles(endpoint = "closed", method = "read")
    public Map<String, String> closed(String connectionId) {
        String thread = closedOn.get(connectionId);
        if (thread == null) {
            throw new RequestRejected("connection " + connectionId + " has not closed");
        }
        return Map.of("thread", thread);
    }
}
