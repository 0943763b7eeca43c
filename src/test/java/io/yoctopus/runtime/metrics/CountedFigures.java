package io.yoctopus.runtime.metrics;

/** Counters each recorded a different number of times, so that a figure read from the wrong counter shows. */
public final class CountedFigures {

    private CountedFigures() {
    }

    /**
     * Records 1 connection opened, 2 frames in, 3 out, 4 notifications, 5 slow consumers closed, 6 pings and 7
     * liveness closes.
     */
    public static Metrics countEach(Metrics metrics) {
        times(1, metrics::connectionOpened);
        times(2, metrics::frameIn);
        times(3, metrics::frameOut);
        times(4, metrics::notificationSent);
        times(5, metrics::slowConsumerClosed);
        times(6, metrics::pingSent);
        times(7, metrics::livenessClose);
        return metrics;
    }

    private static void times(int n, Runnable event) {
        for (int i = 0; i < n; i++) {
            event.run();
        }
    }
}
