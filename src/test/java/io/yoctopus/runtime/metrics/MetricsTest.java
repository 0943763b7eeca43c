package io.yoctopus.runtime.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The application's counters: each counts only its own events; endpoint figures are made once per method. */
class MetricsTest {

    private final Metrics metrics = new Metrics();

    @Test
    void eachCounterCountsItsOwnEvents() {
        CountedFigures.countEach(metrics);
        assertEquals(1, metrics.connectionsOpened());
        assertEquals(2, metrics.framesIn());
        assertEquals(3, metrics.framesOut());
        assertEquals(4, metrics.notificationsSent());
        assertEquals(5, metrics.slowConsumersClosed());
        assertEquals(6, metrics.pingsSent());
        assertEquals(7, metrics.livenessCloses());
    }

    @Test
    void refusalsAndUnroutedFramesAreCountedByReason() {
        metrics.handshakeRefused(Metrics.Refusal.ORIGIN);
        metrics.handshakeRefused(Metrics.Refusal.ORIGIN);
        metrics.handshakeRefused(Metrics.Refusal.MAX_CONNECTIONS);
        metrics.unrouted(Metrics.Unrouted.UNKNOWN_METHOD);
        assertEquals(2, metrics.handshakesRefused(Metrics.Refusal.ORIGIN));
        assertEquals(1, metrics.handshakesRefused(Metrics.Refusal.MAX_CONNECTIONS));
        assertEquals(1, metrics.unroutedCount(Metrics.Unrouted.UNKNOWN_METHOD));
        assertEquals(0, metrics.unroutedCount(Metrics.Unrouted.MALFORMED));
    }

    @Test
    void reasonsAreLabelledInLowerCaseWithHyphens() {
        assertEquals("max-connections", Metrics.Refusal.MAX_CONNECTIONS.label());
        assertEquals("origin", Metrics.Refusal.ORIGIN.label());
        assertEquals("binary-not-accepted", Metrics.Unrouted.BINARY_NOT_ACCEPTED.label());
    }

    @Test
    void multicastsCountTheirReceivers() {
        metrics.multicast(0);
        metrics.multicast(5);
        metrics.multicast(6);
        assertEquals(3, metrics.fanOut().count());
        assertEquals(11, metrics.fanOut().sum());
        assertEquals(5, metrics.fanOut().percentile(0.5), "4 to 7 are counted exactly");
        assertEquals(3, metrics.fanOut().percentile(0.1), "0 to 3 share a bucket");
    }

    @Test
    void anEndpointMethodsFiguresAreMadeOnceAndListedInOrder() {
        EndpointStats read = metrics.endpoint("b:x", "read");
        assertSame(read, metrics.endpoint("b:x", "read"));
        EndpointStats create = metrics.endpoint("b:x", "create");
        EndpointStats other = metrics.endpoint("a:y", "read");
        assertEquals(List.of(other, create, read), metrics.endpoints());
        assertEquals("b:x", read.endpoint());
        assertEquals("read", read.method());
    }

    @Test
    void anEndpointCountsRequestsErrorsAndTheirLatency() {
        EndpointStats stats = metrics.endpoint("greeter:hello", "read");
        stats.answered(true, 2_000);
        stats.answered(false, 3_000_000);
        stats.answered(true, 4_000);
        assertEquals(3, stats.requests());
        assertEquals(1, stats.errors());
        assertEquals(3, stats.latency().count());
        assertEquals(3_006_000, stats.latency().sum());
        assertEquals(2047, stats.latency().percentile(0.3), "2 µs, in its bucket of 1792..2047 ns");
    }
}
