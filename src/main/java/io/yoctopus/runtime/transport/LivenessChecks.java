package io.yoctopus.runtime.transport;

import io.yoctopus.runtime.connection.Connection;
import io.yoctopus.runtime.connection.Liveness;
import io.yoctopus.runtime.connection.CloseCodes;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What the {@link Heartbeat} does at each tick of its timer, apart from the timer: which connections it looks at,
 * and what it does about each ({@link Liveness}: nothing, a ping, or a close). A plain class on a clock given to it,
 * so that its rules hold tick by tick in a unit test as they do on a server.
 *
 * <p>The connections are divided into {@link #SLICES} slices by their id; each tick checks one slice, so a
 * connection is checked once per ping interval and pings go out evenly over it. One thread ticks; pongs arrive on
 * any.
 *
 * <p>Pings give way to fan-outs: on one core, a multicast to 10,000 connections took 1.6 times as long while the
 * heartbeat kept pinging (bench/RESULTS.md). A tick that falls during one is put off, for at most one interval in
 * a row, and that time is no client's silence.
 */
final class LivenessChecks {

    /** Into how many slices the connections are divided: one slice is checked per tick. */
    static final int SLICES = 8;

    /** The pong delay counts this many times into the silence allowed: a margin for its variation. */
    static final int DELAY_MARGIN = 2;

    private static final Logger LOG = Logger.getLogger(LivenessChecks.class.getName());

    private final long tickNanos;
    private final long allowedSilence;
    private final int maxPings;
    private final PingClock clock;
    /** Ticking thread only. */
    private int slice;
    /**
     * Ticking thread only: how many ticks in a row may still give way to a send to many connections. Each tick
     * given way spends one, each tick run earns one back, up to {@link #SLICES}: at most one interval in a row is
     * given away, and under endless fan-outs every other tick still runs.
     */
    private int yieldable = SLICES;

    /**
     * @param pingIntervalMillis how often each connection is checked
     * @param maxLostPings how many pings a silent connection may leave unanswered
     * @param nanoTime the real time, {@link System#nanoTime()} in production
     */
    LivenessChecks(long pingIntervalMillis, int maxLostPings, LongSupplier nanoTime) {
        long interval = TimeUnit.MILLISECONDS.toNanos(pingIntervalMillis);
        tickNanos = Math.max(1, interval / SLICES);
        // pinged at every check while silent: maxLost + 1 pings go unanswered, the check after gives up (the seed's rule)
        allowedSilence = interval * (maxLostPings + 2L);
        maxPings = maxLostPings + 1;
        clock = new PingClock(tickNanos, nanoTime);
    }

    /** How long from one tick to the next, in nanoseconds. */
    long tickNanos() {
        return tickNanos;
    }

    /** A pong arrived on a connection: it is alive, and the pong's delay is noted. Any thread. */
    void ponged(Connection connection, ByteBuffer payload) {
        clock.ponged(payload);
        connection.ponged(payload);
    }

    /**
     * One tick: checks the connections of the next slice among {@code open}, except those the server is closing.
     * While the server is sending to many connections the tick gives way instead, if it may: no pings, and the
     * time until the next tick does not count as anyone's silence.
     *
     * @param sendingToMany whether a send to many connections (a multicast) is under way
     */
    void tick(Iterable<Connection> open, boolean sendingToMany) {
        if (sendingToMany && yieldable > 0) {
            yieldable--;
            clock.pause();
            return;
        }
        if (yieldable < SLICES) {
            yieldable++;
        }
        long now = clock.tick();
        long allowed = allowedSilence + DELAY_MARGIN * clock.averagePongDelay();
        int current = slice;
        slice = (current + 1) % SLICES;
        for (Connection connection : open) {
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
        switch (liveness.check(now, allowed, maxPings)) {
            case PING -> connection.ping(clock.payload());
            case GIVE_UP -> {
                LOG.info(() -> "closing connection " + connection.id() + ": silent for "
                        + TimeUnit.NANOSECONDS.toMillis(allowed) + " ms, " + liveness.unansweredPings()
                        + " pings unanswered");
                connection.giveUp(CloseCodes.GOING_AWAY, "ping timeout");
            }
            case ALIVE, WAIT -> {
                // heard from, or pinged enough: nothing to do
            }
        }
    }

    static int sliceOf(Connection connection) {
        return Math.floorMod(connection.id().hashCode(), SLICES);
    }
}
