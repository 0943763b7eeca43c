package io.yoctopus.runtime.metrics;

import java.util.concurrent.atomic.LongAdder;

/**
 * The figures of one endpoint method: requests answered, error answers among them, and the time from the frame's
 * dispatch to its answer. Made once per endpoint method when a catalogue is built and kept by its route, so that
 * recording a request looks nothing up; the same object serves every later catalogue, so figures survive plugins
 * being installed, removed, disabled and enabled.
 */
public final class EndpointStats {

    /** Latency buckets from about 1 µs (2^10 ns) to about 69 s (2^36 ns). */
    static final int FIRST_EXPONENT = 10;
    static final int LAST_EXPONENT = 35;

    private final String endpoint;
    private final String method;
    private final LongAdder requests = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final LogHistogram latency = new LogHistogram(FIRST_EXPONENT, LAST_EXPONENT);

    EndpointStats(String endpoint, String method) {
        this.endpoint = endpoint;
        this.method = method;
    }

    /** A request was answered, with an error or not, {@code nanos} after its frame was dispatched. */
    public void answered(boolean ok, long nanos) {
        requests.increment();
        if (!ok) {
            errors.increment();
        }
        latency.record(nanos);
    }

    /** The address clients use (or {@link Metrics#BINARY} for the binary handler). */
    public String endpoint() {
        return endpoint;
    }

    public String method() {
        return method;
    }

    public long requests() {
        return requests.sum();
    }

    public long errors() {
        return errors.sum();
    }

    /** Nanoseconds from dispatch to answer. */
    public LogHistogram.Snapshot latency() {
        return latency.snapshot();
    }
}
