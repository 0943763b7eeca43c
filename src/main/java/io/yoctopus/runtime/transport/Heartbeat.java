package io.yoctopus.runtime.transport;

import io.yoctopus.runtime.connection.Connection;
import io.yoctopus.runtime.connection.ConnectionRegistry;
import io.yoctopus.runtime.connection.Liveness;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Keeps track of whether clients are still there, and closes with 1001 (going away) those that stay silent too
 * long. A silent client is pinged at every check, once per {@code yoctopus.ping-interval}; when more than
 * {@code yoctopus.max-lost-pings} pings are unanswered, the next check gives it up: after a silence of
 * interval × (max lost pings + 2), plus the current pong delay when the server is slow to read (see
 * {@link PingClock}).
 *
 * <p>Only silent clients are pinged: any frame, fragment or pong shows a client alive ({@link Liveness}). The
 * checks are spread over the interval: each tick of the transport's timer thread looks at one slice of the
 * connections ({@link LivenessChecks}), so that pings and pongs flow evenly instead of in bursts that would delay
 * other traffic. They give way to multicasts under way, for at most one interval in a row.
 */
@ApplicationScoped
public class Heartbeat {

    @Inject
    TransportScheduler scheduler;

    @Inject
    ConnectionRegistry connections;

    @Inject
    TransportSettings settings;

    private LivenessChecks checks;
    private ScheduledFuture<?> task;

    @PostConstruct
    void configure() {
        checks = new LivenessChecks(settings.pingInterval(), settings.maxLostPings(), System::nanoTime);
    }

    void start(@Observes @Initialized(ApplicationScoped.class) Object application) {
        if (settings.pingInterval() > 0) {
            // a fixed delay, not a fixed rate: after a stall a fixed rate would run the missed ticks back to back
            task = scheduler.executor().scheduleWithFixedDelay(() -> checks.tick(connections.open(), connections.sendingToMany()),
                    checks.tickNanos(), checks.tickNanos(), TimeUnit.NANOSECONDS);
        }
    }

    @PreDestroy
    void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }

    /** A pong arrived on a connection: it is alive, and the pong's delay is noted. Any thread. */
    public void ponged(Connection connection, ByteBuffer payload) {
        checks.ponged(connection, payload);
    }
}
