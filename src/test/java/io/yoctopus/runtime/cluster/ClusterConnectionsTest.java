package io.yoctopus.runtime.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yoctopus.api.Connections.ClusterIds;
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
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The connections of a cluster of instances in one JVM, on a grid in memory: what one instance sends to another's
 * connections (multicast, notify and close by id) reaches exactly those, each member's connections are counted
 * for the others, and a listing of the connections of every member gathers each member's answer.
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
            this(grid, id, 2000, 16);
        }

        /** An instance whose listings wait {@code listingTimeout} ms, at most {@code maxListings} at once. */
        Instance(FakeGrid grid, String id, long listingTimeout, int maxListings) {
            bus = grid.join(id);
            connections.listingTimeout = listingTimeout;
            connections.maxListings = maxListings;
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

    // ---------------------------------------------------------------- the listing of every member's connections

    private static CompletableFuture<ClusterIds> list(Instance asker, String... here) {
        return asker.connections.idsInCluster(Set.of(here)).toCompletableFuture();
    }

    @Test
    void aListingHoldsTheConnectionsOfEveryMemberWhoEachAnswerOnce() {
        Instance c = new Instance(grid, "C");
        b.open("b1", "r");
        b.open("b2", "r");
        c.open("c1", "r");

        CompletableFuture<ClusterIds> listing = list(a, "a1");

        assertEquals(new ClusterIds(Set.of("a1", "b1", "b2", "c1"), Set.of()), listing.getNow(null));
        String correlation = a.bus.published().get(0).get(1);
        assertEquals(List.of(List.of(ClusterConnections.LIST, correlation)), a.bus.published());
        List<String> answer = b.bus.published().get(0);
        assertEquals(List.of(ClusterConnections.LISTED, correlation), answer.subList(0, 2));
        assertEquals(Set.of("b1", "b2"), Set.copyOf(answer.subList(2, answer.size())));
        assertEquals(List.of(List.of(ClusterConnections.LISTED, correlation, "c1")), c.bus.published());
        assertEquals(0, a.connections.listingsUnderWay());
        assertEquals(0, b.connections.listingsUnderWay(), "the others keep nothing of another's listing");
    }

    @Test
    void aMemberThatLeavesWhileAskedIsNamedSilentAtTheNextReportAndTheListingCompletes() {
        FakeGrid.Bus silent = grid.join("D"); // up, and never answers
        b.open("b1", "r");
        CompletableFuture<ClusterIds> listing = list(a, "a1");
        assertFalse(listing.isDone(), "D has not answered");
        assertEquals(1, a.connections.listingsUnderWay());
        a.timer.scheduled().get(0).run();
        assertFalse(listing.isDone(), "D is still up");

        silent.leave();
        a.timer.scheduled().get(0).run();
        assertEquals(new ClusterIds(Set.of("a1", "b1"), Set.of("D")), listing.getNow(null));
        assertEquals(0, a.connections.listingsUnderWay());
    }

    @Test
    void atTheDeadlineAListingNamesTheMembersThatDidNotAnswerAndForgetsIt() {
        grid.join("D");
        b.open("b1", "r");
        CompletableFuture<ClusterIds> listing = list(a, "a1");
        ManualScheduler.Task<?> deadline = a.timer.scheduled().get(1);
        assertEquals(2000, deadline.delay(TimeUnit.MILLISECONDS), "by default");
        deadline.run();
        assertEquals(new ClusterIds(Set.of("a1", "b1"), Set.of("D")), listing.getNow(null));
        assertEquals(0, a.connections.listingsUnderWay());
    }

    @Test
    void aMemberWithoutPeersListsItsOwnConnectionsAtOnceAskingNoOne() {
        b.bus.leave();
        assertEquals(new ClusterIds(Set.of("a1"), Set.of()), list(a, "a1").getNow(null));
        assertEquals(List.of(), a.bus.published());
        assertEquals(List.of(), a.timer.pending().subList(1, a.timer.pending().size()), "no deadline, only the report");

        ClusterConnections alone = new ClusterConnections();
        alone.cluster = Cluster.alone();
        alone.join(new ManualScheduler());
        assertEquals(new ClusterIds(Set.of("c1"), Set.of()),
                alone.idsInCluster(Set.of("c1")).toCompletableFuture().getNow(null));
    }

    @Test
    void aListingPastTheBoundFailsAtOnceAndAsksNoOne() {
        grid.join("D");
        for (int i = 0; i < 16; i++) {
            list(a, "a1");
        }
        assertEquals(16, a.bus.published().size(), "16 by default");
        CompletableFuture<ClusterIds> refused = list(a, "a1");
        assertTrue(refused.isCompletedExceptionally(), "failed at once");
        assertEquals(IllegalStateException.class, assertThrows(ExecutionException.class, refused::get).getCause()
                .getClass());
        assertEquals(16, a.bus.published().size(), "not asked");
    }

    @Test
    void theOperatorSetsTheDeadlineAndTheBound() {
        Instance tuned = new Instance(grid, "T", 500, 2);
        grid.join("D"); // never answers
        list(tuned, "t1");
        assertEquals(500, tuned.timer.scheduled().get(1).delay(TimeUnit.MILLISECONDS));
        list(tuned, "t1");
        ExecutionException refused = assertThrows(ExecutionException.class, list(tuned, "t1")::get);
        assertEquals("2 cluster-wide listings of connections are under way already (yoctopus.cluster.max-listings);"
                + " try again later", refused.getCause().getMessage());
        assertEquals(2, tuned.connections.listingsUnderWay());
    }

    @Test
    void aDeadlineOrABoundBelowOneFailsTheStartNamingItsKey() {
        assertEquals("yoctopus.cluster.listing-timeout must be at least 1, not 0",
                assertThrows(IllegalArgumentException.class, () -> new Instance(grid, "T", 0, 16)).getMessage());
        assertEquals("yoctopus.cluster.max-listings must be at least 1, not 0",
                assertThrows(IllegalArgumentException.class, () -> new Instance(grid, "U", 1, 0)).getMessage());
        new Instance(grid, "V", 1, 1); // the least of each
    }
}
