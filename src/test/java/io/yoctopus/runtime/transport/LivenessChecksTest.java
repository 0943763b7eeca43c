package io.yoctopus.runtime.transport;

import io.yoctopus.runtime.metrics.Metrics;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.yoctopus.runtime.connection.Connection;
import io.yoctopus.runtime.testing.Quietly;
import io.yoctopus.testing.RecordingSink;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The heartbeat's rules tick by tick on a fake clock: one slice of the connections per tick, silent clients
 * pinged and given up after interval × (max lost pings + 2), late pongs and stalls taken into account.
 */
class LivenessChecksTest {

    private static final long INTERVAL_MS = 800;
    private static final long TICK = TimeUnit.MILLISECONDS.toNanos(INTERVAL_MS) / LivenessChecks.SLICES;

    private final AtomicLong time = new AtomicLong(-7_000_000_000L);   // nanoTime may be negative
    private final Metrics metrics = new Metrics();
    private final LivenessChecks checks = new LivenessChecks(INTERVAL_MS, 3, time::get, metrics);
    private final Map<Connection, RecordingSink> sinks = new LinkedHashMap<>();

    private Connection connection(String id) {
        RecordingSink sink = new RecordingSink();
        Connection connection = new Connection(id, sink);
        sinks.put(connection, sink);
        return connection;
    }

    private List<String> calls(Connection connection) {
        return sinks.get(connection).calls();
    }

    /** One tick a tick's time after the previous. */
    private void tick() {
        time.addAndGet(TICK);
        checks.tick(sinks.keySet(), false);
    }

    /** One tick a tick's time after the previous, while a multicast is under way. */
    private void tickDuringFanOut() {
        time.addAndGet(TICK);
        checks.tick(sinks.keySet(), true);
    }

    /** The first interval from the opening: every slice checked once, the opening counted as hearing from all. */
    private void checkEverySliceOnce() {
        checks.tick(sinks.keySet(), false);
        for (int i = 1; i < LivenessChecks.SLICES; i++) {
            tick();
        }
    }

    /** A whole interval: every slice once. */
    private void interval() {
        for (int i = 0; i < LivenessChecks.SLICES; i++) {
            tick();
        }
    }

    /** A connection id in the given slice. */
    private static String idInSlice(int slice, int nth) {
        return IntStream.iterate(0, i -> i + 1).mapToObj(i -> "c" + i)
                .filter(id -> Math.floorMod(id.hashCode(), LivenessChecks.SLICES) == slice)
                .skip(nth).findFirst().orElseThrow();
    }

    @Test
    void theTickIsTheIntervalOverTheSlicesAndAtLeastOneNanosecond() {
        assertEquals(100_000_000, checks.tickNanos());
        assertEquals(1, new LivenessChecks(0, 3, time::get, metrics).tickNanos());
    }

    @Test
    void eachTickChecksOneSliceInTurn() {
        List<Connection> all = IntStream.range(0, 40).mapToObj(i -> connection("id-" + i)).toList();
        checks.tick(sinks.keySet(), false);   // slice 0, at the start: first checks count the opening as hearing
        for (int i = 1; i < LivenessChecks.SLICES; i++) {
            tick();
        }
        for (int slice = 0; slice < LivenessChecks.SLICES; slice++) {
            tick();
            for (Connection connection : all) {
                int expected = LivenessChecks.sliceOf(connection) <= slice ? 1 : 0;
                assertEquals(expected, sinks.get(connection).pings().size(),
                        connection.id() + " in slice " + LivenessChecks.sliceOf(connection) + " after slice " + slice);
            }
        }
    }

    @Test
    void theSlicesAreTheIdsHashesModuloEightAndNeverNegative() {
        assertEquals(Math.floorMod("c1".hashCode(), 8), LivenessChecks.sliceOf(new Connection("c1", new RecordingSink())));
        String negative = IntStream.iterate(0, i -> i + 1).mapToObj(i -> "n" + i)
                .filter(id -> id.hashCode() % 8 < 0).findFirst().orElseThrow();
        assertEquals(Math.floorMod(negative.hashCode(), 8),
                LivenessChecks.sliceOf(new Connection(negative, new RecordingSink())));
    }

    @Test
    void aSilentClientIsPingedAtEachCheckWithTheClocksTimeThenGivenUp() {
        Connection silent = connection(idInSlice(0, 0));
        checks.tick(sinks.keySet(), false);
        assertEquals(List.of(), calls(silent), "the first check counts the opening");
        for (int ping = 1; ping <= 4; ping++) {   // max lost pings + 1
            interval();
            assertEquals(ping, sinks.get(silent).pings().size());
            assertEquals(time.get(), sinks.get(silent).pings().get(ping - 1).getLong(0), "the ping carries the time");
        }
        interval();
        assertEquals("giveUp 1001 ping timeout", calls(silent).get(4), "silent for 5 intervals: (3 + 2) × 800 ms");
        interval();
        interval();
        assertEquals(5, calls(silent).size(), "not checked any more once the server closes it");
        assertEquals(4, metrics.pingsSent(), "each ping counted");
        assertEquals(1, metrics.livenessCloses(), "and the close");
    }

    @Test
    void aClientThatAnswersIsNeverGivenUp() {
        Connection answering = connection(idInSlice(0, 0));
        checks.tick(sinks.keySet(), false);
        for (int round = 0; round < 20; round++) {
            interval();
            List<ByteBuffer> pings = sinks.get(answering).pings();
            if (pings.size() > 0 && round % 2 == 0) {
                checks.ponged(answering, pings.get(pings.size() - 1).duplicate());
            }
        }
        assertEquals(List.of(), calls(answering).stream().filter(call -> call.startsWith("giveUp")).toList());
        assertEquals(10, sinks.get(answering).pings().size(), "pinged when silent, every other check");
        assertEquals(10, metrics.pingsSent());
        assertEquals(0, metrics.livenessCloses());
        assertEquals("ponged 8", calls(answering).get(1), "the pong reached the connection");
    }

    @Test
    void aConnectionTheServerIsClosingIsLeftToItsClose() {
        Connection closing = connection(idInSlice(0, 0));
        checks.tick(sinks.keySet(), false);
        closing.close(4001, "bye");
        for (int round = 0; round < 10; round++) {
            interval();
        }
        assertEquals(List.of("close 4001 bye"), calls(closing));
    }

    @Test
    void latePongsLengthenTheSilenceAllowed() {
        Connection answering = connection(idInSlice(1, 0));
        Connection silent = connection(idInSlice(0, 0));
        checks.tick(sinks.keySet(), false);
        // the server reads slowly: a pong comes back 1.6 s after its ping; the average moves by 1/16 of it
        checks.ponged(answering, ByteBuffer.allocate(Long.BYTES).putLong(0, time.get() - 1_600_000_000L));
        for (int check = 1; check <= 5; check++) {
            interval();
        }
        assertEquals(4, sinks.get(silent).pings().size(),
                "silent for 5 intervals, 4 s: not given up, for 2 × 100 ms of average pong delay are allowed too; "
                        + "but not pinged more than max lost pings + 1 times: more time, not more pings");
        assertEquals(List.of("ping 8", "ping 8", "ping 8", "ping 8"), calls(silent));
        interval();
        assertEquals("giveUp 1001 ping timeout", calls(silent).get(4), "4.8 s is past 4.2 s");
    }

    @Test
    void aStallOfTheWholeProcessIsNoSilence() {
        Connection connection = connection(idInSlice(0, 0));
        checks.tick(sinks.keySet(), false);
        time.addAndGet(TimeUnit.SECONDS.toNanos(60));   // a minute's garbage collection
        checks.tick(sinks.keySet(), false);
        for (int i = 1; i < LivenessChecks.SLICES; i++) {
            tick();
        }
        assertEquals(List.of("ping 8"), calls(connection), "silent for one interval, not for a minute");
    }

    @Test
    void ticksGiveWayToAFanOutAndThatTimeIsNoSilence() {
        Connection silent = connection(idInSlice(0, 0));
        checkEverySliceOnce();
        for (int i = 0; i < LivenessChecks.SLICES; i++) {
            tickDuringFanOut();
        }
        assertEquals(List.of(), calls(silent), "no ping during the fan-out");
        tick();
        assertEquals(List.of("ping 8"), calls(silent), "its slice is the next checked, once");
        for (int ping = 2; ping <= 4; ping++) {
            interval();
        }
        interval();
        assertEquals("giveUp 1001 ping timeout", calls(silent).get(4),
                "given up after 5 intervals of silence, the interval given way not counted");
        assertEquals(5, calls(silent).size());
    }

    @Test
    void atMostOneIntervalInARowGivesWayThenEveryOtherTickRuns() {
        List<Connection> oneInEachSlice = checkedOnceThenAnIntervalGivenWay();
        assertEquals(0, pingsTo(oneInEachSlice), "one interval given way");
        tickDuringFanOut();
        assertEquals(List.of("ping 8"), calls(oneInEachSlice.get(0)), "then a tick runs, fan-out or not");
        tickDuringFanOut();
        assertEquals(1, pingsTo(oneInEachSlice), "the tick it earned back is given way");
        tickDuringFanOut();
        assertEquals(List.of("ping 8"), calls(oneInEachSlice.get(1)), "and the next runs");
        assertEquals(2, pingsTo(oneInEachSlice));
    }

    @Test
    void ticksRunEarnBackTheRightToGiveWay() {
        List<Connection> oneInEachSlice = checkedOnceThenAnIntervalGivenWay();
        tick();   // earns one back
        tick();   // and another
        int before = pingsTo(oneInEachSlice);
        tickDuringFanOut();
        tickDuringFanOut();
        assertEquals(before, pingsTo(oneInEachSlice), "two ticks run, two given way");
        tickDuringFanOut();
        assertEquals(before + 1, pingsTo(oneInEachSlice), "no more than were earned");
    }

    @Test
    void underEndlessFanOutsTheTimeGivenWayIsStillNoSilence() {
        Connection silent = connection(idInSlice(0, 0));
        checkEverySliceOnce();
        // every tick during fan-outs: the first interval is given way, then every other tick runs; the gaps are a
        // tick each, too short to pass for a stall: only the pauses keep that time from counting
        for (int i = 0; i < 12 * LivenessChecks.SLICES; i++) {
            tickDuringFanOut();
        }
        assertEquals(List.of("ping 8", "ping 8", "ping 8", "ping 8", "giveUp 1001 ping timeout"), calls(silent),
                "as many pings as without fan-outs before it is given up");
    }

    /** A connection in each slice, checked once, then one interval of ticks during a fan-out. */
    private List<Connection> checkedOnceThenAnIntervalGivenWay() {
        List<Connection> oneInEachSlice = IntStream.range(0, LivenessChecks.SLICES)
                .mapToObj(slice -> connection(idInSlice(slice, 0))).toList();
        checkEverySliceOnce();
        for (int i = 0; i < LivenessChecks.SLICES; i++) {
            tickDuringFanOut();
        }
        return oneInEachSlice;
    }

    private int pingsTo(List<Connection> connections) {
        return connections.stream().mapToInt(connection -> sinks.get(connection).pings().size()).sum();
    }

    @Test
    void aCheckThatFailsDoesNotStopTheOthers() {
        Connection broken = connection(idInSlice(0, 0));
        Connection next = connection(idInSlice(0, 1));
        checks.tick(sinks.keySet(), false);
        sinks.get(broken).failPings(new IllegalStateException("broken"));
        Quietly.run(LivenessChecks.class, this::interval);
        assertEquals(List.of("ping 8"), calls(next));
        assertEquals(new ArrayList<>(), calls(broken));
    }
}
