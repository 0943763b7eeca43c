package io.yoctopus.runtime.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The heartbeat's clock on a fake real time: stalls left out, pong delays averaged. */
class PingClockTest {

    private static final long TICK = 1_000;

    private final AtomicLong real = new AtomicLong(5_000_000);
    private final PingClock clock = new PingClock(TICK, real::get);

    private static ByteBuffer stamp(long time) {
        return ByteBuffer.allocate(Long.BYTES).putLong(0, time);
    }

    @Test
    void withoutStallsTheClockIsTheRealTime() {
        assertEquals(5_000_000, clock.tick(), "the first tick has no gap to judge");
        real.addAndGet(TICK);
        assertEquals(5_001_000, clock.tick());
        real.addAndGet(2 * TICK);
        assertEquals(5_003_000, clock.tick(), "a gap of two ticks is no stall");
        assertEquals(5_003_000, clock.now());
    }

    @Test
    void aStallCountsAsOneTick() {
        clock.tick();
        real.addAndGet(2 * TICK + 1);
        assertEquals(5_001_000, clock.tick(), "just over two ticks: a stall, left out but for one tick");
        real.addAndGet(60_000_000);
        assertEquals(5_002_000, clock.tick());
        real.addAndGet(500);
        assertEquals(5_002_500, clock.now(), "between ticks the clock runs on, stalls still left out");
        real.addAndGet(500);
        assertEquals(5_003_000, clock.tick());
    }

    @Test
    void aPauseOfTheHeartbeatIsLeftOutWhole() {
        clock.tick();
        real.addAndGet(TICK);
        clock.pause();
        assertEquals(5_000_000, clock.now(), "the tick's time given way is nobody's silence");
        real.addAndGet(TICK);
        assertEquals(5_001_000, clock.tick(), "the time after the pause counts again");
    }

    @Test
    void aPauseBeforeAnyTickLeavesNothingOut() {
        clock.pause();
        assertEquals(5_000_000, clock.now());
        real.addAndGet(TICK);
        assertEquals(5_001_000, clock.tick(), "the pause marked where the next gap starts");
    }

    @Test
    void aPingCarriesTheClocksTime() {
        clock.tick();
        real.addAndGet(10 * TICK);
        clock.tick();
        ByteBuffer payload = clock.payload();
        assertEquals(Long.BYTES, payload.remaining());
        assertEquals(5_001_000, payload.getLong(0));
    }

    @Test
    void eachPongMovesTheAverageDelayBySixteenthOfItsDifference() {
        assertEquals(0, clock.averagePongDelay());
        clock.ponged(stamp(real.get() - 1_600));
        assertEquals(100, clock.averagePongDelay());
        clock.ponged(stamp(real.get() - 1_700));
        assertEquals(200, clock.averagePongDelay(), "100 + (1700 - 100) / 16");
        clock.ponged(stamp(real.get() - 40));
        assertEquals(190, clock.averagePongDelay(), "200 + (40 - 200) / 16");
    }

    @Test
    void thePayloadIsReadFromItsPosition() {
        ByteBuffer payload = ByteBuffer.allocate(12).putLong(4, real.get() - 1_600);
        payload.position(4);
        clock.ponged(payload);
        assertEquals(100, clock.averagePongDelay());
    }

    @Test
    void pongsThatAnswerNoneOfItsPingsAreNoSample() {
        clock.ponged(null);
        clock.ponged(ByteBuffer.allocate(0));
        clock.ponged(ByteBuffer.allocate(7));
        clock.ponged(ByteBuffer.allocate(9));
        clock.ponged(stamp(real.get() + 1));   // from the future: forged, or from before a stall
        assertEquals(0, clock.averagePongDelay());
        clock.ponged(stamp(real.get() - 1_600));
        clock.ponged(stamp(real.get()));
        assertEquals(93, clock.averagePongDelay(), "no delay at all is a sample too: 100 - 100 / 16");
    }
}
