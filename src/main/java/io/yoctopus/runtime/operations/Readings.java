package io.yoctopus.runtime.operations;

import io.yoctopus.runtime.cluster.ClusterMembers;
import io.yoctopus.runtime.metrics.EndpointStats;
import io.yoctopus.runtime.metrics.Metrics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * The framework's figures as {@link Reading}s: what each is called, what it means and how to read it. Counts are read
 * as they are (they only grow while the application runs); latencies in seconds, as percentiles of the endpoint's
 * histogram and a mean.
 */
public final class Readings {

    /** Nanoseconds per second. */
    private static final double NANOS = 1e9;

    /** The latency percentiles read, by their tag value. */
    static final Map<String, Double> LATENCY_PERCENTILES = percentiles("50", "90", "99", "99.9");
    /** The fan-out percentiles read. */
    static final Map<String, Double> FAN_OUT_PERCENTILES = percentiles("50", "90", "99");

    private final Metrics metrics;
    private final IntSupplier openConnections;
    private final ClusterView cluster;

    /**
     * @param openConnections how many connections are open now
     * @param cluster the cluster's members and their connections
     */
    public Readings(Metrics metrics, IntSupplier openConnections, ClusterMembers cluster) {
        this.metrics = metrics;
        this.openConnections = openConnections;
        this.cluster = new ClusterView(cluster);
    }

    private static Map<String, Double> percentiles(String... values) {
        Map<String, Double> percentiles = new LinkedHashMap<>();
        for (String value : values) {
            percentiles.put(value, Double.parseDouble(value) / 100);
        }
        return percentiles;
    }

    /** Every reading: the application's, then those of each endpoint method a catalogue has had. */
    public List<Reading> all() {
        List<Reading> readings = new ArrayList<>(application());
        metrics.endpoints().forEach(endpoint -> readings.addAll(endpoint(endpoint)));
        return readings;
    }

    List<Reading> application() {
        List<Reading> readings = new ArrayList<>();
        readings.add(count("yoctopus.connections.open", "WebSocket connections open now", Map.of(),
                openConnections::getAsInt));
        readings.add(count("yoctopus.connections.opened", "WebSocket connections opened since the application started",
                Map.of(), metrics::connectionsOpened));
        for (Metrics.Refusal reason : Metrics.Refusal.values()) {
            readings.add(count("yoctopus.handshakes.refused", "WebSocket handshakes refused (HTTP 403; 1013 for one"
                    + " that passed the connection limit at the same moment as others), by reason",
                    Map.of("reason", reason.label()), () -> metrics.handshakesRefused(reason)));
        }
        readings.add(count("yoctopus.frames.in", "frames received from clients (whole messages and fragments)", Map.of(),
                metrics::framesIn));
        readings.add(count("yoctopus.frames.out", "messages sent to clients (responses, errors, notifications)", Map.of(),
                metrics::framesOut));
        for (Metrics.Unrouted reason : Metrics.Unrouted.values()) {
            readings.add(count("yoctopus.requests.unrouted", "frames answered with an error before reaching an"
                    + " endpoint, by reason", Map.of("reason", reason.label()), () -> metrics.unroutedCount(reason)));
        }
        readings.add(count("yoctopus.notifications.sent", "notifications queued for clients, one per receiver",
                Map.of(), metrics::notificationsSent));
        readings.add(count("yoctopus.multicasts", "multicasts sent", Map.of(), () -> metrics.fanOut().count()));
        readings.add(count("yoctopus.multicast.receivers", "connections reached by all multicasts together", Map.of(),
                () -> metrics.fanOut().sum()));
        FAN_OUT_PERCENTILES.forEach((tag, quantile) -> readings.add(count("yoctopus.multicast.fanout",
                "connections one multicast reached, as a percentile (at most this many)", Map.of("percentile", tag),
                () -> metrics.fanOut().percentile(quantile))));
        readings.add(count("yoctopus.slow_consumers.closed", "connections closed with 1008 because their client did"
                + " not read (yoctopus.outbox.*)", Map.of(), metrics::slowConsumersClosed));
        readings.add(count("yoctopus.pings.sent", "pings sent to silent clients by the liveness check", Map.of(),
                metrics::pingsSent));
        readings.add(count("yoctopus.liveness.closed", "connections closed with 1001 'ping timeout'", Map.of(),
                metrics::livenessCloses));
        readings.add(count("yoctopus.cluster.members", "members of the cluster up now, this instance included (1 on"
                + " its own)", Map.of(), () -> cluster.members().size()));
        readings.add(count("yoctopus.cluster.connections", "connections open on every member of the cluster, as each"
                + " last reported them (every second)", Map.of(), () -> ClusterView.connections(cluster.members())));
        return readings;
    }

    /** The readings of one endpoint method. */
    List<Reading> endpoint(EndpointStats stats) {
        Map<String, String> tags = tags(stats, null);
        List<Reading> readings = new ArrayList<>();
        readings.add(count("yoctopus.requests", "requests answered, by endpoint and method", tags, stats::requests));
        readings.add(count("yoctopus.requests.errors", "requests answered with an error, by endpoint and method", tags,
                stats::errors));
        LATENCY_PERCENTILES.forEach((tag, quantile) -> readings.add(new Reading("yoctopus.request.latency",
                "time from a request's dispatch to its answer, as a percentile (at most this long)", Reading.SECONDS,
                tags(stats, tag), () -> stats.latency().percentile(quantile) / NANOS)));
        readings.add(new Reading("yoctopus.request.latency.mean", "mean time from a request's dispatch to its answer",
                Reading.SECONDS, tags, () -> stats.latency().mean() / NANOS));
        return readings;
    }

    private static Map<String, String> tags(EndpointStats stats, String percentile) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("endpoint", stats.endpoint());
        tags.put("method", stats.method());
        if (percentile != null) {
            tags.put("percentile", percentile);
        }
        return tags;
    }

    private static Reading count(String name, String description, Map<String, String> tags, Supplier<Number> value) {
        return new Reading(name, description, Reading.NONE, tags, value);
    }
}
