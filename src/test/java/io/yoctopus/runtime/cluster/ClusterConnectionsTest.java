package io.yoctopus.runtime.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yoctopus.runtime.metrics.Metrics;
import io.yoctopus.runtime.connection.Connection;
import io.yoctopus.runtime.connection.ConnectionRegistry;
import io.yoctopus.runtime.connection.MulticastService;
import io.yoctopus.runtime.json.JsonCodec;
import io.yoctopus.runtime.testing.FakeGrid;
import io.yoctopus.runtime.testing.ManualScheduler;
import io.yoctopus.runtime.transport.TransportScheduler;
import io.yoctopus.testing.RecordingSink;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The connections of a cluster of instances in one JVM, on a grid in memory: what one instance sends to another's
 * connections (multicast, notify and close by id) reaches exactly those, and each member's connections are counted
 * for the others.
 */
class ClusterConnectionsTest {

    private static final JsonCodec JSON = new JsonCodec();
    private static final String TEXT = "{\"meta\":{\"method\":\"notify\",\"type\":\"t\"},\"data\":{}}";

    @AfterAll
    static void close() {
        JSON.close();
    }

    /** One instance: its registry, multicast, cluster and timer. */
    private static final class Instance {
        final ConnectionRegistry registry = new ConnectionRegistry(JSON, closed -> { });
        final ManualScheduler timer = new ManualScheduler();
        final FakeGrid.Bus bus;
        final ClusterConnections connections = new ClusterConnections();

        Instance(FakeGrid grid, String id) {
            bus = grid.join(id);
            connections.cluster = new Cluster(bus, Runnable::run);
            connections.connections = registry;
            connections.multicast = new MulticastService(registry, JSON, new Metrics());
            connections.json = JSON;
            connections.scheduler = new TransportScheduler() {
                @Override
                public ScheduledExecutorService executor() {
                    return timer;
                }
            };
            connections.start(null);
        }

        RecordingSink open(String id, String room) {
            RecordingSink sink = new RecordingSink();
            Connection connection = new Connection(id, sink);
            connection.settings().apply("chat", Map.of("room", JSON.string(room)));
            registry.add(connection);
            return sink;
        }
    }

    private final FakeGrid grid = new FakeGrid();
    private final Instance a = new Instance(grid, "A");
    private final Instance b = new Instance(grid, "B");

    @Test
    void aMulticastReachesTheMatchingConnectionsOfTheOtherInstancesOnly() {
        RecordingSink a1 = a.open("a1", "lobby");
        RecordingSink b1 = b.open("b1", "lobby");
        RecordingSink b2 = b.open("b2", "kitchen");

        assertTrue(a.connections.any());
        a.connections.multicast("{\"chat\":{\"room\":\"lobby\"}}", TEXT);

        assertEquals(List.of(TEXT), b1.sent());
        assertEquals(List.of(), b2.sent());
        assertEquals(List.of(), a1.sent(), "the publisher delivers to its own connections itself, never from the grid");
    }

    @Test
    void aNotificationOrCloseByIdReachesTheConnectionOnTheInstanceThatHoldsIt() {
        RecordingSink b1 = b.open("b1", "lobby");
        RecordingSink b2 = b.open("b2", "lobby");

        a.connections.notify("b1", TEXT);
        a.connections.notify("nobody", TEXT);
        assertEquals(List.of(TEXT), b1.sent());
        assertEquals(List.of(), b2.sent());

        a.connections.close("b2", 4001, "from A");
        a.connections.close("b1", 4002, null);
        a.connections.close("nobody", 4003, "x");
        assertEquals(List.of(new RecordingSink.Close(4001, "from A", false)), b2.closes());
        assertEquals(List.of(new RecordingSink.Close(4002, "", false)), b1.closes());
    }

    @Test
    void anInstanceWithoutPeersHasNoOneToTell() {
        assertTrue(a.connections.any());
        b.bus.leave();
        assertFalse(a.connections.any());
    }

    @Test
    void eachMemberReportsItsConnectionsEverySecondAndTheOthersShowThem() {
        a.open("a1", "r");
        b.open("b1", "r");
        b.open("b2", "r");

        ManualScheduler.Task<?> report = a.timer.onlyScheduled();
        assertEquals(ClusterConnections.REPORT_MILLIS, report.delay(TimeUnit.MILLISECONDS));
        assertEquals(ClusterConnections.REPORT_MILLIS, report.period(TimeUnit.MILLISECONDS));
        assertEquals(List.of(new MemberConnections("A", "fake/A", true, 1), new MemberConnections("B", "fake/B", false, -1)),
                a.connections.members(), "B has not reported yet");

        b.timer.onlyScheduled().run();
        assertEquals(List.of(new MemberConnections("A", "fake/A", true, 1), new MemberConnections("B", "fake/B", false, 2)),
                a.connections.members());
        assertEquals(List.of(List.of(ClusterConnections.COUNT, "2")), b.bus.published());

        a.open("a2", "r");
        report.run();
        assertEquals(List.of(new MemberConnections("A", "fake/A", false, 2), new MemberConnections("B", "fake/B", true, 2)),
                b.connections.members());
        assertEquals(Map.of("B", 2), a.connections.reported(), "the count of a member still up is kept");
    }

    @Test
    void theCountsOfMembersGoneAreForgottenAndAMemberAloneReportsToNoOne() {
        b.timer.onlyScheduled().run();
        assertEquals(Map.of("B", 0), a.connections.reported());

        b.bus.leave();
        a.timer.onlyScheduled().run();
        assertEquals(Map.of(), a.connections.reported());
        assertEquals(List.of(), a.bus.published(), "alone on the grid: no one to report to");
        assertEquals(List.of(new MemberConnections("A", "fake/A", true, 0)), a.connections.members());
    }

    @Test
    void anInstanceOnItsOwnReportsNothingAndIsTheOnlyMember() {
        ConnectionRegistry registry = new ConnectionRegistry(JSON, closed -> { });
        ClusterConnections alone = new ClusterConnections();
        alone.cluster = Cluster.alone();
        alone.connections = registry;
        ManualScheduler timer = new ManualScheduler();
        alone.join(timer);
        registry.add(new Connection("c1", new RecordingSink()));
        assertEquals(List.of(), timer.scheduled());
        assertFalse(alone.any());
        assertEquals(List.of(new MemberConnections("local", "", true, 1)), alone.members());
    }
}
