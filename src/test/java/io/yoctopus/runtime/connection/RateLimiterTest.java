package io.yoctopus.runtime.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The token bucket behind {@code yoctopus.rate-limit} and {@code yoctopus.rate-limit-burst}, on a fake clock. */
class RateLimiterTest {

    private static final long SECOND = 1_000_000_000L;
    private static final long START = 123_456_789L; // nanoTime may be any value, negative included

    @Test
    void theBurstPassesAtOnceThenNothing() {
        RateLimiter limiter = new RateLimiter(10, 5, START);
        assertEquals(5, admitted(limiter, 100, START));
        assertFalse(limiter.tryAcquire(START));
    }

    @Test
    void tokensComeBackAtTheRate() {
        RateLimiter limiter = new RateLimiter(10, 5, START);
        admitted(limiter, 5, START);
        assertFalse(limiter.tryAcquire(START + SECOND / 20), "half a token after 50 ms");
        assertTrue(limiter.tryAcquire(START + SECOND / 10), "one token after 100 ms");
        assertFalse(limiter.tryAcquire(START + SECOND / 10));
        assertEquals(3, admitted(limiter, 100, START + SECOND / 10 + 3 * SECOND / 10));
    }

    @Test
    void anIdleConnectionSavesNoMoreThanTheBurst() {
        RateLimiter limiter = new RateLimiter(10, 5, START);
        assertEquals(5, admitted(limiter, 100, START + 3600 * SECOND));
    }

    @Test
    void overOneSecondOfSteadyTrafficTheRateHolds() {
        RateLimiter limiter = new RateLimiter(50, 20, START);
        int admitted = 0;
        for (int ms = 0; ms < 1000; ms++) { // 10 requests every millisecond for one second
            admitted += admitted(limiter, 10, START + ms * (SECOND / 1000));
        }
        assertTrue(admitted >= 20 + 49 && admitted <= 20 + 50, "admitted " + admitted);
    }

    @Test
    void aRateOfOneWithABurstOfOne() {
        RateLimiter limiter = new RateLimiter(1, 1, START);
        assertTrue(limiter.tryAcquire(START));
        assertFalse(limiter.tryAcquire(START + SECOND - 1));
        assertTrue(limiter.tryAcquire(START + SECOND));
    }

    @Test
    void negativeNanoTimesWork() {
        RateLimiter limiter = new RateLimiter(10, 1, -5 * SECOND);
        assertTrue(limiter.tryAcquire(-5 * SECOND));
        assertFalse(limiter.tryAcquire(-5 * SECOND + 1));
        assertTrue(limiter.tryAcquire(-5 * SECOND + SECOND / 10));
    }

    private static int admitted(RateLimiter limiter, int attempts, long now) {
        int admitted = 0;
        for (int i = 0; i < attempts; i++) {
            if (limiter.tryAcquire(now)) {
                admitted++;
            }
        }
        return admitted;
    }
}
