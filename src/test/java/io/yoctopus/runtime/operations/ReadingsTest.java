package io.yoctopus.runtime.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.yoctopus.runtime.cluster.MemberConnections;
import io.yoctopus.runtime.metrics.EndpointStats;
import io.yoctopus.runtime.metrics.Metrics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every reading by its key, each with a value of its own, so that a reading that read another figure (or none) shows;
 * the names, units and descriptions operators see.
 */
class ReadingsTest {

    private final Metrics metrics = new Metrics();
    /** Three members: this one, one with 4 connections, one not heard from yet. */
    private final Readings readings = new Readings(metrics, () -> 3, () -> List.of(
            new MemberConnections("A", "10.0.0.1:6900", true, 3), new MemberConnections("B", "10.0.0.2:6900", false, 4),
            new MemberConnections("C", "10.0.0.3:6900", false, -1)));

    /** Records {@code n} of something. */
    private static void times(int n, Runnable event) {
        for (int i = 0; i < n; i++) {
            event.run();
        }
    }

    private Map<String, Number> values() {
        Map<String, Number> values = new LinkedHashMap<>();
        readings.all().forEach(reading -> values.put(reading.key(), reading.value().get()));
        return values;
    }

    @Test
    void everyApplicationFigureIsReadUnderItsOwnKey() {
        times(4, metrics::connectionOpened);
        times(5, () -> metrics.handshakeRefused(Metrics.Refusal.ORIGIN));
        times(6, () -> metrics.handshakeRefused(Metrics.Refusal.MAX_CONNECTIONS));
        times(7, metrics::frameIn);
        times(8, metrics::frameOut);
        Metrics.Unrouted[] reasons = Metrics.Unrouted.values();
        for (int i = 0; i < reasons.length; i++) {
            Metrics.Unrouted reason = reasons[i];
            times(10 + i, () -> metrics.unrouted(reason));
        }
        times(20, metrics::notificationSent);
        metrics.multicast(4);
        metrics.multicast(6);
        times(21, metrics::slowConsumerClosed);
        times(22, metrics::pingSent);
        times(23, metrics::livenessClose);

        Map<String, Number> expected = new LinkedHashMap<>();
        expected.put("yoctopus.connections.open", 3);
        expected.put("yoctopus.connections.opened", 4L);
        expected.put("yoctopus.handshakes.refused{reason=origin}", 5L);
        expected.put("yoctopus.handshakes.refused{reason=max-connections}", 6L);
        expected.put("yoctopus.frames.in", 7L);
        expected.put("yoctopus.frames.out", 8L);
        expected.put("yoctopus.requests.unrouted{reason=malformed}", 10L);
        expected.put("yoctopus.requests.unrouted{reason=unknown-endpoint}", 11L);
        expected.put("yoctopus.requests.unrouted{reason=unknown-method}", 12L);
        expected.put("yoctopus.requests.unrouted{reason=rate-limited}", 13L);
        expected.put("yoctopus.requests.unrouted{reason=pending-quota}", 14L);
        expected.put("yoctopus.requests.unrouted{reason=binary-not-accepted}", 15L);
        expected.put("yoctopus.notifications.sent", 20L);
        expected.put("yoctopus.multicasts", 2L);
        expected.put("yoctopus.multicast.receivers", 10L);
        expected.put("yoctopus.multicast.fanout{percentile=50}", 4L);
        expected.put("yoctopus.multicast.fanout{percentile=90}", 6L);
        expected.put("yoctopus.multicast.fanout{percentile=99}", 6L);
        expected.put("yoctopus.slow_consumers.closed", 21L);
        expected.put("yoctopus.pings.sent", 22L);
        expected.put("yoctopus.liveness.closed", 23L);
        expected.put("yoctopus.cluster.members", 3);
        expected.put("yoctopus.cluster.connections", 7L);
        assertEquals(expected, values());
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(values().keySet()), "in this order");
    }

    @Test
    void eachEndpointMethodHasItsRequestsErrorsAndLatencyInSeconds() {
        EndpointStats hello = metrics.endpoint("greeter:hello", "read");
        metrics.endpoint("auth:session", "create").answered(false, 8_000_000);
        times(99, () -> hello.answered(true, 1_000_000));   // 1 ms: 0.000983039..0.001048575 s in its bucket
        hello.answered(false, 1_000_000_000);               // 1 s
        Map<String, Number> values = values();
        String tags = "{endpoint=greeter:hello,method=read";
        assertEquals(100L, values.get("yoctopus.requests" + tags + "}"));
        assertEquals(1L, values.get("yoctopus.requests.errors" + tags + "}"));
        assertEquals(1_048_575 / 1e9, values.get("yoctopus.request.latency" + tags + ",percentile=50}"));
        assertEquals(1_048_575 / 1e9, values.get("yoctopus.request.latency" + tags + ",percentile=90}"));
        assertEquals(1_048_575 / 1e9, values.get("yoctopus.request.latency" + tags + ",percentile=99}"));
        assertEquals(1_073_741_823 / 1e9, values.get("yoctopus.request.latency" + tags + ",percentile=99.9}"));
        assertEquals((99 * 1_000_000 + 1_000_000_000) / 100 / 1e9, values.get("yoctopus.request.latency.mean" + tags + "}"));
        assertEquals(1L, values.get("yoctopus.requests.errors{endpoint=auth:session,method=create}"));
        assertEquals(List.of("yoctopus.requests", "yoctopus.requests.errors", "yoctopus.request.latency",
                "yoctopus.request.latency", "yoctopus.request.latency", "yoctopus.request.latency",
                "yoctopus.request.latency.mean"), readings.endpoint(hello).stream().map(Reading::name).toList());
        assertEquals(23 + 2 * 7, readings.all().size(), "the application's, then 7 per endpoint method");
    }

    @Test
    void countsAreUnitlessAndLatenciesInSecondsEachWithADescription() {
        Map<String, String> units = readings.all().stream()
                .collect(Collectors.toMap(Reading::name, Reading::unit, (a, b) -> a));
        assertEquals(Reading.NONE, units.get("yoctopus.frames.in"));
        metrics.endpoint("a:b", "read");
        Reading latency = readings.all().stream().filter(reading -> reading.name().equals("yoctopus.request.latency"))
                .findFirst().orElseThrow();
        assertEquals(Reading.SECONDS, latency.unit());
        assertEquals("time from a request's dispatch to its answer, as a percentile (at most this long)",
                latency.description());
        assertEquals("seconds", Reading.SECONDS);
        assertEquals("none", Reading.NONE);
        assertEquals("WebSocket connections open now", readings.all().get(0).description());
        assertEquals("members of the cluster up now, this instance included (1 on its own)",
                readings.all().get(21).description());
        assertEquals("connections open on every member of the cluster, as each last reported them (every second)",
                readings.all().get(22).description());
    }

    @Test
    void aKeyIsTheNameWithItsTagsInOrder() {
        assertEquals("a.b", new Reading("a.b", "", Reading.NONE, Map.of(), () -> 0).key());
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("z", "1");
        tags.put("a", "2");
        assertEquals("a.b{z=1,a=2}", new Reading("a.b", "", Reading.NONE, tags, () -> 0).key());
    }
}
