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
import jakarta.websocket.CloseReason;
import java.nio.ByteBuffer;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps track of whether clients are still there, and closes with 1001 (going away) those that stay silent too
 * long. A silent client is pinged at every check, once per {@code yoctopus.ping-interval}; when more than
 * {@code yoctopus.max-lost-pings} pings are unanswered, the next check gives it up: after a silence of
 * interval × (max lost pings + 2), plus the current pong delay when the server is slow to read (see
 * {@link PingClock}).
 *
 * <p>Only silent clients are pinged: any frame, fragment or pong shows a client alive ({@link Liveness}). The
 * checks are spread over the interval: each tick of the transport's timer thread looks at one of {@link #SLICES}
 * slices of the connections, so that pings and pongs flow evenly instead of in bursts that would delay other
 * traffic.
 */
@ApplicationScoped
public class Heartbeat {

    /** Into how many slices the connections are divided: one slice is checked per tick. */
    static final int SLICES = 8;

    /** The pong delay counts this many times into the silence allowed: a margin for its variation. */
    static final int DELAY_MARGIN = 2;

    private static final Logger LOG = Logger.getLogger(Heartbeat.class.getName());

    @Inject
    TransportScheduler scheduler;

    @Inject
    ConnectionRegistry connections;

    @Inject
    TransportSettings settings;

    private long tickNanos;
    private long allowedSilence;
    private PingClock clock;
    private ScheduledFuture<?> task;
    private int slice;

    @PostConstruct
    void configure() {
        long interval = TimeUnit.MILLISECONDS.toNanos(settings.pingInterval());
        tickNanos = Math.max(1, interval / SLICES);
        // pinged at every check while silent: maxLost + 1 pings go unanswered, the check after gives up (the seed's rule)
        allowedSilence = interval * (settings.maxLostPings() + 2L);
        clock = new PingClock(tickNanos);
    }

    void start(@Observes @Initialized(ApplicationScoped.class) Object application) {
        if (settings.pingInterval() > 0) {
            // a fixed delay, not a fixed rate: after a stall a fixed rate would run the missed ticks back to back
            task = scheduler.executor().scheduleWithFixedDelay(this::tick, tickNanos, tickNanos, TimeUnit.NANOSECONDS);
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
        clock.ponged(payload);
        connection.ponged(payload);
    }

    private void tick() {
        long now = clock.tick();
        long allowed = allowedSilence + DELAY_MARGIN * clock.averagePongDelay();
        int current = slice;
        slice = (current + 1) % SLICES;
        for (Connection connection : connections.open()) {
            if (sliceOf(connection) == current && connection.serverClose() == null) {
                try {
                    check(connection, now, allowed);
                } catch (RuntimeException failure) {
                    LOG.log(Level.WARNING, "checking connection " + connection.id() + " failed", failure);
                }
            }
        }
    }

    private void check(Connection connection, long now, long allowed) {
        Liveness liveness = connection.liveness();
        switch (liveness.check(now, allowed)) {
            case PING -> connection.ping(clock.payload());
            case GIVE_UP -> {
                LOG.info(() -> "closing connection " + connection.id() + ": silent for "
                        + TimeUnit.NANOSECONDS.toMillis(allowed) + " ms, " + liveness.unansweredPings()
                        + " pings unanswered");
                connection.giveUp(CloseReason.CloseCodes.GOING_AWAY.getCode(), "ping timeout");
            }
            case ALIVE -> {
                // heard from: nothing to do
            }
        }
    }

    static int sliceOf(Connection connection) {
        return Math.floorMod(connection.id().hashCode(), SLICES);
    }
}
