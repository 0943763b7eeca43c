package io.yoctopus.runtime.metrics;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The framework's own counters, one set per application: what operators read through JMX and, where the server has
 * it, MicroProfile Metrics ({@code runtime.operations}). Every figure is a {@link LongAdder} (or a {@link LogHistogram}
 * of them), incremented where it happens: no lock, no allocation and no lookup by name on the path of a message. The
 * figures of each endpoint method are made once, when a catalogue is built ({@link #endpoint}), and kept by its route.
 */
public final class Metrics {

    /** The name the binary handler's figures go under, in place of an endpoint address. */
    public static final String BINARY = "(binary)";

    /** Why a handshake was refused. */
    public enum Refusal {
        /** The Origin header is not allowed ({@code yoctopus.allowed-origins}). */
        ORIGIN,
        /** {@code yoctopus.max-connections} are open. */
        MAX_CONNECTIONS;

        /** The name operators see: lower case, with hyphens. */
        public String label() {
            return Metrics.label(name());
        }
    }

    /** Why a frame was answered with an error before it reached any endpoint. */
    public enum Unrouted {
        /** Not JSON, not an object, or without a readable meta, endpoint or method. */
        MALFORMED,
        /** No endpoint has the address. */
        UNKNOWN_ENDPOINT,
        /** The endpoint has no such method. */
        UNKNOWN_METHOD,
        /** Past {@code yoctopus.rate-limit}. */
        RATE_LIMITED,
        /** Past a pending-requests quota ({@code yoctopus.quota.pending-*}). */
        PENDING_QUOTA,
        /** A binary frame, and no plugin takes binary frames. */
        BINARY_NOT_ACCEPTED;

        public String label() {
            return Metrics.label(name());
        }
    }

    private final LongAdder connectionsOpened = new LongAdder();
    private final LongAdder[] refused = adders(Refusal.values().length);
    private final LongAdder framesIn = new LongAdder();
    private final LongAdder framesOut = new LongAdder();
    private final LongAdder[] unrouted = adders(Unrouted.values().length);
    private final LongAdder notificationsSent = new LongAdder();
    /** Receivers per multicast: 0 to 3 in one bucket, 4 to 7 each in its own, then four buckets per power of two. */
    private final LogHistogram fanOut = new LogHistogram(2, 23);
    private final LongAdder slowConsumersClosed = new LongAdder();
    private final LongAdder pingsSent = new LongAdder();
    private final LongAdder livenessCloses = new LongAdder();
    private final ConcurrentMap<EndpointKey, EndpointStats> endpoints = new ConcurrentHashMap<>();

    private record EndpointKey(String endpoint, String method) {
    }

    private static LongAdder[] adders(int count) {
        LongAdder[] adders = new LongAdder[count];
        for (int i = 0; i < count; i++) {
            adders[i] = new LongAdder();
        }
        return adders;
    }

    static String label(String constant) {
        return constant.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    // ---------------------------------------------------------------- recording

    /** A connection opened (and was admitted). */
    public void connectionOpened() {
        connectionsOpened.increment();
    }

    public void handshakeRefused(Refusal reason) {
        refused[reason.ordinal()].increment();
    }

    /** A frame (a whole message or a fragment of one) arrived from a client. */
    public void frameIn() {
        framesIn.increment();
    }

    /** A message was handed to the container for a client. */
    public void frameOut() {
        framesOut.increment();
    }

    public void unrouted(Unrouted reason) {
        unrouted[reason.ordinal()].increment();
    }

    /** A notification was queued for one connection. */
    public void notificationSent() {
        notificationsSent.increment();
    }

    /** A multicast reached {@code receivers} connections. */
    public void multicast(int receivers) {
        fanOut.record(receivers);
    }

    /** A connection was closed because its client did not read what was sent to it. */
    public void slowConsumerClosed() {
        slowConsumersClosed.increment();
    }

    /** A silent client was pinged by the liveness check. */
    public void pingSent() {
        pingsSent.increment();
    }

    /** A client that left too many pings unanswered was given up. */
    public void livenessClose() {
        livenessCloses.increment();
    }

    /** The figures of an endpoint method, made on first use and the same object from then on. */
    public EndpointStats endpoint(String endpoint, String method) {
        return endpoints.computeIfAbsent(new EndpointKey(endpoint, method), key -> new EndpointStats(endpoint, method));
    }

    // ---------------------------------------------------------------- reading

    public long connectionsOpened() {
        return connectionsOpened.sum();
    }

    public long handshakesRefused(Refusal reason) {
        return refused[reason.ordinal()].sum();
    }

    public long framesIn() {
        return framesIn.sum();
    }

    public long framesOut() {
        return framesOut.sum();
    }

    public long unroutedCount(Unrouted reason) {
        return unrouted[reason.ordinal()].sum();
    }

    public long notificationsSent() {
        return notificationsSent.sum();
    }

    /** Receivers per multicast; its count is the number of multicasts. */
    public LogHistogram.Snapshot fanOut() {
        return fanOut.snapshot();
    }

    public long slowConsumersClosed() {
        return slowConsumersClosed.sum();
    }

    public long pingsSent() {
        return pingsSent.sum();
    }

    public long livenessCloses() {
        return livenessCloses.sum();
    }

    /** The figures of every endpoint method a catalogue has had, by endpoint and method. */
    public List<EndpointStats> endpoints() {
        return endpoints.values().stream()
                .sorted(Comparator.comparing(EndpointStats::endpoint).thenComparing(EndpointStats::method))
                .toList();
    }
}
