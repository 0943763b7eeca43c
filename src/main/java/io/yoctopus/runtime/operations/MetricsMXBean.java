package io.yoctopus.runtime.operations;

import java.util.Map;

/**
 * The framework's figures, for operators: {@code io.yoctopus:type=Metrics,context=...}. The main counts as attributes
 * of their own (a console can chart them); every figure, per endpoint and method included, in {@link #getFigures()},
 * under the names MicroProfile Metrics uses (README, "Operating Yoctopus").
 */
public interface MetricsMXBean {

    int getOpenConnections();

    long getConnectionsOpened();

    /** Handshakes refused, by reason ({@code origin}, {@code max-connections}). */
    Map<String, Long> getHandshakesRefused();

    long getFramesIn();

    long getFramesOut();

    /** Frames answered with an error before reaching an endpoint, by reason. */
    Map<String, Long> getRequestsUnrouted();

    long getNotificationsSent();

    long getSlowConsumersClosed();

    long getPingsSent();

    long getLivenessCloses();

    /** Every reading by {@code name{tag=value,...}}: counts, and latencies in seconds. */
    Map<String, Double> getFigures();
}
