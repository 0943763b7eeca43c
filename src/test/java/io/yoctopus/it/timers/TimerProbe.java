package io.yoctopus.it.timers;

import io.yoctopus.api.Handles;
import io.yoctopus.api.Plugin;
import io.yoctopus.runtime.transport.ContainerAdapters;
import jakarta.inject.Inject;
import java.util.Map;

/**
 * Test plugin {@code timers}: tells over the wire how many timers the framework's plain scheduler has run.
 *
 * <p>The thread a connection is closed on proves nothing here: after an idle timeout sends its close frame,
 * Tyrus calls the endpoint's close on whichever thread takes the socket's lock first, the timer's or the
 * HTTP thread reading the client's close reply.
 */
@Plugin("timers")
public class TimerProbe {

    @Inject
    ContainerAdapters adapters;

    /** {@code timers:run} {@code read} → {@code {"count": timers run on the plain scheduler}} */
    @Handles(endpoint = "run", method = "read")
    public Map<String, Long> run() {
        return Map.of("count", adapters.adapter().statistics().getOrDefault("tyrus.timersRun", 0L));
    }
}
