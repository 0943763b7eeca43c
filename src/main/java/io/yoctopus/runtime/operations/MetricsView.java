package io.yoctopus.runtime.operations;

import io.yoctopus.runtime.cluster.ClusterMembers;
import io.yoctopus.runtime.metrics.Metrics;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.IntSupplier;
import java.util.function.ToLongFunction;

/** The framework's figures for operators, over JMX ({@link MetricsMXBean}). */
final class MetricsView implements MetricsMXBean {

    private final Metrics metrics;
    private final IntSupplier openConnections;
    private final Readings readings;

    MetricsView(Metrics metrics, IntSupplier openConnections, ClusterMembers cluster) {
        this.metrics = metrics;
        this.openConnections = openConnections;
        this.readings = new Readings(metrics, openConnections, cluster);
    }

    @Override
    public int getOpenConnections() {
        return openConnections.getAsInt();
    }

    @Override
    public long getConnectionsOpened() {
        return metrics.connectionsOpened();
    }

    @Override
    public Map<String, Long> getHandshakesRefused() {
        return byReason(Metrics.Refusal.values(), Metrics.Refusal::label, metrics::handshakesRefused);
    }

    /** A count per reason, by the reason's label, in the order of the reasons. */
    private static <R> Map<String, Long> byReason(R[] reasons, Function<R, String> label, ToLongFunction<R> count) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (R reason : reasons) {
            counts.put(label.apply(reason), count.applyAsLong(reason));
        }
        return counts;
    }

    @Override
    public long getFramesIn() {
        return metrics.framesIn();
    }

    @Override
    public long getFramesOut() {
        return metrics.framesOut();
    }

    @Override
    public Map<String, Long> getRequestsUnrouted() {
        return byReason(Metrics.Unrouted.values(), Metrics.Unrouted::label, metrics::unroutedCount);
    }

    @Override
    public long getNotificationsSent() {
        return metrics.notificationsSent();
    }

    @Override
    public long getSlowConsumersClosed() {
        return metrics.slowConsumersClosed();
    }

    @Override
    public long getPingsSent() {
        return metrics.pingsSent();
    }

    @Override
    public long getLivenessCloses() {
        return metrics.livenessCloses();
    }

    @Override
    public Map<String, Double> getFigures() {
        Map<String, Double> figures = new TreeMap<>();
        readings.all().forEach(reading -> figures.put(reading.key(), reading.value().get().doubleValue()));
        return figures;
    }
}
