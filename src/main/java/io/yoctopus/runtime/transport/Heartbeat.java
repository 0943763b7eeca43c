package io.yoctopus.runtime.transport;

import io.yoctopus.runtime.connection.Connection;
import io.yoctopus.runtime.connection.ConnectionRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Pings every connection each {@code yoctopus.ping-interval} and closes those that left more than
 * {@code yoctopus.max-lost-pings} pings unanswered, with 1001 (going away). One periodic task on the
 * server's managed scheduler serves all connections: it is submitted once, so the container's per-task
 * context capture is paid once, not per connection or per ping.
 */
@ApplicationScoped
public class Heartbeat {

    private static final Logger LOG = Logger.getLogger(Heartbeat.class.getName());

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    ConnectionRegistry connections;

    @Inject
    TransportSettings settings;

    private ScheduledFuture<?> task;

    void start(@Observes @Initialized(ApplicationScoped.class) Object application) {
        long interval = settings.pingInterval();
        if (interval > 0) {
            // with a fixed delay, not a fixed rate: after a stall (a full GC, say) a fixed rate runs the missed
            // beats back to back, and every client would lose its pings at once without a chance to answer
            task = scheduler.scheduleWithFixedDelay(this::beat, interval, interval, TimeUnit.MILLISECONDS);
        }
    }

    @PreDestroy
    void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }

    private void beat() {
        int maxLost = settings.maxLostPings();
        for (Connection connection : connections.open()) {
            try {
                if (!connection.heartbeat(maxLost)) {
                    LOG.info(() -> "closing connection " + connection.id() + ": " + (maxLost + 1) + " pings unanswered");
                    connection.close(CloseReason.CloseCodes.GOING_AWAY.getCode(), "ping timeout");
                }
            } catch (RuntimeException failure) {
                LOG.log(Level.WARNING, "pinging connection " + connection.id() + " failed", failure);
            }
        }
    }
}
