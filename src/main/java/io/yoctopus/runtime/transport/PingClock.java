package io.yoctopus.runtime.transport;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The heartbeat's sense of time, and of how long the way from a client back to the framework currently takes.
 *
 * <p><b>Stalls do not count.</b> A pause of the whole process (a long garbage collection, a starved machine) stops
 * the heartbeat thread too; when it resumes, every client would look silent for the length of the pause. The
 * clock leaves such gaps out: it advances by at most a little more than the heartbeat's tick between two ticks.
 *
 * <p>The heartbeat's own pauses ({@link #pause()}) are left out the same way.
 *
 * <p><b>Pong delay.</b> Each ping carries the clock's time; its pong brings it back, and the difference is how
 * long ping and pong took, the container's queue of frames to handle included. The clock keeps a moving average
 * of it, so that when the server is overloaded and every pong arrives late, silence is judged with that delay
 * added, rather than taking the server's backlog for dead clients. One slow client moves the average little.
 */
final class PingClock {

    /** How much each new sample weighs in the average: 1/16. */
    private static final int SMOOTHING_SHIFT = 4;

    private final long tickNanos;
    private final LongSupplier nanoTime;
    private volatile long excluded;
    private long lastTick = Long.MIN_VALUE;
    private final AtomicLong averagePongDelay = new AtomicLong();

    /**
     * @param tickNanos the heartbeat's tick: a gap between ticks longer than two of them is a stall
     * @param nanoTime the real time, {@link System#nanoTime()} in production
     */
    PingClock(long tickNanos, LongSupplier nanoTime) {
        this.tickNanos = tickNanos;
        this.nanoTime = nanoTime;
    }

    /** The clock's time now: the real time with the stalls left out. Any thread. */
    long now() {
        return nanoTime.getAsLong() - excluded;
    }

    /** Called by the heartbeat at each tick, on its own thread: notes a stall since the previous tick. */
    long tick() {
        long real = nanoTime.getAsLong();
        if (lastTick != Long.MIN_VALUE) {
            long gap = real - lastTick;
            if (gap > 2 * tickNanos) {
                excluded += gap - tickNanos;
            }
        }
        lastTick = real;
        return real - excluded;
    }

    /**
     * Called by the heartbeat instead of {@link #tick()} when it gives way to other work: the time since the
     * previous tick is left out, as a stall's is, for no client was pinged meanwhile.
     */
    void pause() {
        long real = nanoTime.getAsLong();
        if (lastTick != Long.MIN_VALUE) {
            excluded += real - lastTick;
        }
        lastTick = real;
    }

    /** The payload of a ping sent now: the clock's time, 8 bytes. */
    ByteBuffer payload() {
        ByteBuffer payload = ByteBuffer.allocate(Long.BYTES);
        payload.putLong(0, now());
        return payload;
    }

    /** A pong arrived: if it answers one of the heartbeat's pings, its delay is a sample. Any thread. */
    void ponged(ByteBuffer payload) {
        if (payload == null || payload.remaining() != Long.BYTES) {
            return;   // not one of ours: a pong the client sent unasked, or the close probe
        }
        long delay = now() - payload.getLong(payload.position());
        if (delay < 0) {
            return;   // forged, or from before a stall
        }
        averagePongDelay.getAndUpdate(average -> average + ((delay - average) >> SMOOTHING_SHIFT));
    }

    /** The moving average of pong delays, in nanoseconds. */
    long averagePongDelay() {
        return averagePongDelay.get();
    }
}
