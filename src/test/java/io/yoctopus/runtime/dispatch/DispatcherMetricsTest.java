package io.yoctopus.runtime.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yoctopus.api.Handles;
import io.yoctopus.api.HandlesBinary;
import io.yoctopus.api.Plugin;
import io.yoctopus.runtime.catalogue.Catalogue;
import io.yoctopus.runtime.connection.Connection;
import io.yoctopus.runtime.connection.Quotas;
import io.yoctopus.runtime.connection.RateLimiter;
import io.yoctopus.runtime.metrics.EndpointStats;
import io.yoctopus.runtime.metrics.Metrics;
import io.yoctopus.runtime.metrics.Metrics.Unrouted;
import io.yoctopus.testing.Logs;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the dispatcher counts: each answer of a routed request in its route's figures (ok or error, with the time from
 * dispatch to answer, also when the handler answers later), each frame answered before a route by why, and nothing
 * else.
 */
class DispatcherMetricsTest extends DispatcherFixture {

    public record Name(String name) {
    }

    @Plugin("ops")
    public static class Ops {
        final CompletableFuture<Map<String, String>> later = new CompletableFuture<>();

        @Handles(endpoint = "hello", method = "read")
        public Map<String, String> hello(Name name) {
            return Map.of("hi", name.name());
        }

        @Handles(endpoint = "hello", method = "delete")
        public void fail() {
            throw new IllegalStateException("broken on purpose");
        }

        @Handles(endpoint = "later", method = "read")
        public CompletionStage<Map<String, String>> later() {
            return later;
        }
    }

    @Plugin("bin")
    public static class Binary {
        @HandlesBinary
        public void bytes(byte[] bytes) {
        }
    }

    private final Metrics metrics = new Metrics();
    private final Ops ops = new Ops();

    @BeforeEach
    void bind() {
        Catalogue catalogue = catalogue(metrics, ops);
        dispatcher = new Dispatcher(() -> catalogue, JSON, VALIDATOR, RequestEvents.NONE, NO_MULTICAST, metrics);
    }

    private EndpointStats stats(String endpoint, String method) {
        return metrics.endpoint(endpoint, method);
    }

    private long unrouted() {
        return Arrays.stream(Unrouted.values()).mapToLong(metrics::unroutedCount).sum();
    }

    /** Between a plausible dispatch (more than nothing) and ten seconds: a time measured, not a clock read. */
    private static void assertPlausibleLatency(EndpointStats stats, long answers) {
        assertEquals(answers, stats.latency().count());
        long nanos = stats.latency().sum();
        assertTrue(nanos > 0 && nanos < TimeUnit.SECONDS.toNanos(10), "dispatch to answer took " + nanos + " ns");
    }

    @Test
    void anAnsweredRequestCountsInItsRoutesFiguresWithItsLatency() {
        handle(connection, frame("1", "ops:hello", "read", "{\"name\":\"a\"}"));
        handle(connection, frame("2", "ops:hello", "read", "{\"name\":\"b\"}"));
        EndpointStats hello = stats("ops:hello", "read");
        assertEquals(2, hello.requests());
        assertEquals(0, hello.errors());
        assertPlausibleLatency(hello, 2);
        assertEquals(0, stats("ops:hello", "delete").requests(), "another method of the endpoint");
        assertEquals(0, unrouted());
    }

    @Test
    void invalidDataAndAFailingHandlerCountAsErrorsOfTheirRoute() {
        handle(connection, frame("1", "ops:hello", "read", "{\"name\":5}"));
        Logs.quietly(Dispatcher.class, () -> handle(connection, frame("2", "ops:hello", "delete", "{}")));
        assertEquals(1, stats("ops:hello", "read").errors());
        assertEquals(1, stats("ops:hello", "read").requests());
        assertEquals(1, stats("ops:hello", "delete").errors());
        assertPlausibleLatency(stats("ops:hello", "delete"), 1);
        assertEquals(0, unrouted());
    }

    @Test
    void anAsynchronousAnswerIsCountedWhenItIsSent() {
        CompletableFuture<Void> handled = dispatcher.handle(connection, frame("1", "ops:later", "read", null));
        assertEquals(0, stats("ops:later", "read").requests(), "not answered yet");
        ops.later.complete(Map.of("done", "yes"));
        handled.orTimeout(WAIT_SECONDS, TimeUnit.SECONDS).join();
        assertEquals(1, stats("ops:later", "read").requests());
        assertPlausibleLatency(stats("ops:later", "read"), 1);
    }

    @Test
    void framesAnsweredBeforeARouteAreCountedByWhy() {
        handle(connection, "{not json");
        handle(connection, "[1]");
        handle(connection, frame("2", "nowhere:x", "read", null));
        handle(connection, frame("3", "ops:hello", "update", null));
        assertEquals(2, metrics.unroutedCount(Unrouted.MALFORMED));
        assertEquals(1, metrics.unroutedCount(Unrouted.UNKNOWN_ENDPOINT));
        assertEquals(1, metrics.unroutedCount(Unrouted.UNKNOWN_METHOD));
        dispatcher.refuse(connection, frame("4", "ops:hello", "read", null), "quota exceeded");
        dispatcher.refuseBinary(connection, "quota exceeded");
        assertEquals(2, metrics.unroutedCount(Unrouted.PENDING_QUOTA));
        dispatcher.handleBinary(connection, new byte[] {1}).join();
        assertEquals(1, metrics.unroutedCount(Unrouted.BINARY_NOT_ACCEPTED));
        assertEquals(7, unrouted(), "each once");
        assertEquals(0, stats("ops:hello", "read").requests() + stats("ops:hello", "update").requests());
    }

    @Test
    void framesPastTheRateLimitAreCountedAsRateLimitedTextAndBinaryAlike() {
        Connection limited = new Connection("c-2", sink, new RateLimiter(1, 1, System.nanoTime()), Quotas.DEFAULTS,
                metrics);
        handle(limited, frame("1", "ops:hello", "read", "{\"name\":\"a\"}"));
        handle(limited, frame("2", "ops:hello", "read", "{\"name\":\"a\"}"));
        dispatcher.handleBinary(limited, new byte[] {1}).join();
        assertEquals(2, metrics.unroutedCount(Unrouted.RATE_LIMITED));
        assertEquals(1, stats("ops:hello", "read").requests(), "the first, within the burst");
    }

    @Test
    void aBinaryFrameCountsInTheBinaryHandlersFigures() {
        Catalogue withBinary = catalogue(metrics, new Binary());
        dispatcher = new Dispatcher(() -> withBinary, JSON, VALIDATOR, RequestEvents.NONE, NO_MULTICAST, metrics);
        dispatcher.handleBinary(connection, new byte[] {1, 2}).join();
        EndpointStats binary = stats(Metrics.BINARY, Metrics.BINARY);
        assertEquals(1, binary.requests());
        assertEquals(0, binary.errors());
        assertPlausibleLatency(binary, 1);
    }
}
