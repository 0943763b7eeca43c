package io.yoctopus.runtime.connection;

/**
 * A token bucket: {@code rate} requests a second on average, {@code burst} at once. Used by one
 * connection's request pipeline only, which runs one request at a time, so it needs no locking.
 */
public final class RateLimiter {

    private static final long SECOND = 1_000_000_000L;

    private final double tokensPerNano;
    private final double burst;
    private double tokens;
    private long last;

    public RateLimiter(int rate, int burst, long now) {
        this.tokensPerNano = (double) rate / SECOND;
        this.burst = burst;
        this.tokens = burst;
        this.last = now;
    }

    /** Takes one token if there is one; {@code now} from {@link System#nanoTime()}. */
    public boolean tryAcquire(long now) {
        tokens = Math.min(burst, tokens + (now - last) * tokensPerNano);
        last = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
