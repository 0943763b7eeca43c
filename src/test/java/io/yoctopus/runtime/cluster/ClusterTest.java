package io.yoctopus.runtime.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yoctopus.runtime.testing.CapturedLog;
import io.yoctopus.runtime.testing.FakeGrid;
import io.yoctopus.runtime.testing.ScopedConfig;
import io.yoctopus.testing.RecordingThreads;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/**
 * The runtime's side of the cluster seam on a grid in memory ({@link FakeGrid}): frames by channel, each publisher's
 * own frames dropped as they come back, failures kept from callers and from other frames, and the inbox thread.
 */
class ClusterTest {

    /** One member's frames as its receivers see them: "publisher field field ...". */
    private static final class Heard {
        final List<String> frames = new CopyOnWriteArrayList<>();

        void on(Cluster cluster, String channel) {
            cluster.on(channel, (publisher, fields) -> frames.add(channel + " from " + publisher + " " + fields));
        }
    }

    private final FakeGrid grid = new FakeGrid();

    @Test
    void framesReachTheOtherMembersReceiversInOrderAndNeverThePublishers() {
        Cluster a = new Cluster(grid.join("A"), Runnable::run);
        Cluster b = new Cluster(grid.join("B"), Runnable::run);
        Heard heardByA = new Heard();
        Heard heardByB = new Heard();
        heardByA.on(a, "news");
        heardByB.on(b, "news");
        heardByB.on(b, "other");

        a.publish("news", "one", "1");
        a.publish("other");
        a.publish("news", "two");
        b.publish("news", "from b");

        assertEquals(List.of("news from A [one, 1]", "other from A []", "news from A [two]"), heardByB.frames);
        assertEquals(List.of("news from B [from b]"), heardByA.frames);
    }

    @Test
    void framesArePublishedWithTheirChannelFirst() {
        FakeGrid.Bus bus = grid.join("A");
        new Cluster(bus, Runnable::run).publish("close", "c1", "1000", "bye");
        assertEquals(List.of(List.of("close", "c1", "1000", "bye")), bus.published());
    }

    @Test
    void aFieldMayNotBeNull() {
        FakeGrid.Bus bus = grid.join("A");
        Cluster cluster = new Cluster(bus, Runnable::run);
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> cluster.publish("notify", "c1", null));
        assertEquals("field 1 of a frame on cluster channel 'notify' is null", refused.getMessage());
        assertEquals(List.of(), bus.published());
    }

    @Test
    void aChannelHasOneReceiver() {
        Cluster cluster = new Cluster(grid.join("A"), Runnable::run);
        cluster.on("news", (publisher, fields) -> { });
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> cluster.on("news", (publisher, fields) -> { }));
        assertEquals("cluster channel 'news' has a receiver already", refused.getMessage());
    }

    @Test
    void peersAreTheOtherMembersUpNow() {
        assertFalse(Cluster.alone().hasPeers());
        assertFalse(Cluster.alone().isClustered());
        assertSame(ClusterBus.LOCAL, Cluster.alone().bus());

        FakeGrid.Bus busOfA = grid.join("A");
        Cluster a = new Cluster(busOfA, Runnable::run);
        assertTrue(a.isClustered());
        assertFalse(a.hasPeers(), "alone on the grid");
        FakeGrid.Bus busOfB = grid.join("B");
        assertTrue(a.hasPeers());
        busOfB.leave();
        assertFalse(a.hasPeers());
        assertSame(busOfA, a.bus());
    }

    @Test
    void whenTheGridFailsThePublisherGoesOnAndTheFailureIsLogged() {
        FakeGrid.Bus bus = grid.join("A");
        Cluster cluster = new Cluster(bus, Runnable::run);
        bus.failWith(new IllegalStateException("grid down"));
        try (CapturedLog log = CapturedLog.of(Cluster.class, Level.WARNING)) {
            cluster.publish("news", "lost");
            LogRecord record = log.records().get(0);
            assertEquals("cluster: could not publish on channel 'news'; the other instances miss it",
                    record.getMessage());
            assertEquals("grid down", record.getThrown().getMessage());
        }
    }

    @Test
    void aFailingReceiverIsLoggedAndTheNextFramesStillArrive() {
        Cluster a = new Cluster(grid.join("A"), Runnable::run);
        Cluster b = new Cluster(grid.join("B"), Runnable::run);
        Heard heard = new Heard();
        b.on("fails", (publisher, fields) -> {
            throw new IllegalArgumentException("bad frame");
        });
        heard.on(b, "news");
        try (CapturedLog log = CapturedLog.of(Cluster.class, Level.WARNING)) {
            a.publish("fails", "x");
            a.publish("news", "y");
            assertEquals(List.of("news from A [y]"), heard.frames);
            assertEquals(1, log.records().size());
            assertEquals("cluster: the receiver of channel 'fails' failed on a frame from A",
                    log.records().get(0).getMessage());
            assertEquals("bad frame", log.records().get(0).getThrown().getMessage());
        }
    }

    @Test
    void framesOfAChannelNobodyReceivesHereAreDropped() {
        Cluster a = new Cluster(grid.join("A"), Runnable::run);
        Cluster b = new Cluster(grid.join("B"), Runnable::run);
        Heard heard = new Heard();
        heard.on(b, "news");
        a.publish("newer-version", "x");
        a.publish("news", "y");
        assertEquals(List.of("news from A [y]"), heard.frames);
    }

    @Test
    void anEmptyFrameFromTheBusIsDropped() {
        Cluster cluster = new Cluster(grid.join("A"), task -> {
            throw new AssertionError("nothing to hand on");
        });
        cluster.received("B", new String[0]);
    }

    @Test
    void framesArrivingAsTheApplicationStopsAreDropped() {
        new Cluster(grid.join("A"), task -> {
            throw new RejectedExecutionException("stopped");
        });
        Cluster b = new Cluster(grid.join("B"), Runnable::run);
        try (CapturedLog log = CapturedLog.of(Cluster.class, Level.FINE)) {
            b.publish("news", "x"); // A's inbox refuses it: nothing is thrown at B
            assertEquals(List.of("cluster: a frame arrived as the application stops; dropped"),
                    log.records().stream().map(LogRecord::getMessage).toList());
        }
    }

    @Test
    void onAGridReceiversRunOnTheInboxThreadInTheOrderFramesArrive() throws Exception {
        BlockingQueue<String> heard = new LinkedBlockingQueue<>();
        Cluster a = new Cluster(grid.join("A"), Runnable::run);
        Cluster b = new Cluster();
        b.threadFactory = new RecordingThreads();
        FakeGrid.Bus busOfB = grid.join("B");
        b.start(busOfB);
        b.on("news", (publisher, fields) -> heard.add(Thread.currentThread().getName() + " " + fields));

        for (int i = 0; i < 100; i++) {
            a.publish("news", String.valueOf(i));
        }
        for (int i = 0; i < 100; i++) {
            assertEquals(Cluster.INBOX_THREAD + " [" + i + "]", heard.poll(10, TimeUnit.SECONDS));
        }
        assertTrue(((RecordingThreads) b.threadFactory).made().get(0).isDaemon());

        b.stop();
        assertTrue(busOfB.stopped());
        b.received("A", new String[] {"news", "after the stop"}); // dropped: the inbox is shut down
        assertEquals(null, heard.poll(200, TimeUnit.MILLISECONDS));
    }

    @Test
    void onItsOwnAnInstanceMakesNoThreadAndStopsQuietly() {
        Cluster cluster = new Cluster();
        cluster.threadFactory = new RecordingThreads();
        cluster.start(ClusterBus.LOCAL);
        cluster.publish("news", "to no one");
        cluster.stop();
        assertEquals(List.of(), ((RecordingThreads) cluster.threadFactory).made());
        assertEquals("local", ClusterBus.LOCAL.localMember());
        assertEquals(List.of(new ClusterBus.Member("local", "")), ClusterBus.LOCAL.members());
        assertEquals("none (this instance on its own)", ClusterBus.LOCAL.name());
    }

    /** The bean as the container starts it: the data grid is looked for only when clustering is on. */
    @Test
    void theGridIsLookedForUnlessClusteringIsOff() {
        int grids = ClusterBuses.KNOWN.size(); // each tried, and logged as not there
        for (Map.Entry<Map<String, String>, Integer> config : Map.of(Map.<String, String>of(), grids,
                Map.of(Cluster.ENABLED, "true"), grids, Map.of(Cluster.ENABLED, "false"), 0).entrySet()) {
            try (CapturedLog log = CapturedLog.of(ClusterBuses.class, Level.INFO)) {
                Cluster cluster = ScopedConfig.with(config.getKey(), () -> {
                    Cluster started = new Cluster();
                    started.start();
                    return started;
                });
                assertSame(ClusterBus.LOCAL, cluster.bus(), "no grid in a unit test");
                assertEquals(config.getValue(), log.records().size(), config.getKey() + ": " + log.records());
            }
        }
    }

}
