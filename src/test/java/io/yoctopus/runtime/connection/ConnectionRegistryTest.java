package io.yoctopus.runtime.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yoctopus.api.Connections.ClusterIds;
import io.yoctopus.api.Connections.ConnectionHandle;
import io.yoctopus.api.events.ConnectionClosed;
import io.yoctopus.runtime.json.JsonCodec;
import io.yoctopus.testing.RecordingSink;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The registry of open connections: lookup, notify, close, export, and the closed event fired once. */
class ConnectionRegistryTest {

    private static final JsonCodec JSON = new JsonCodec();

    @AfterAll
    static void close() {
        JSON.close();
    }

    private final List<ConnectionClosed> closed = new CopyOnWriteArrayList<>();
    private final ConnectionRegistry registry = new ConnectionRegistry(JSON, closed::add);

    @Test
    void aSendToManyIsUnderWayUntilItEndsHoweverItEnds() {
        assertFalse(registry.sendingToMany());
        assertEquals(7, registry.sendToMany(() -> {
            assertTrue(registry.sendingToMany());
            assertEquals(3, registry.sendToMany(() -> 3), "nested sends return what they sent to");
            assertTrue(registry.sendingToMany(), "the outer send is still under way");
            return 7;
        }));
        assertFalse(registry.sendingToMany());
        IllegalStateException failure = new IllegalStateException("boom");
        assertSame(failure, assertThrows(IllegalStateException.class,
                () -> registry.sendToMany(() -> {
                    throw failure;
                })));
        assertFalse(registry.sendingToMany(), "a failed send is over too");
    }

    @Test
    void openConnectionsAreListedAndFoundById() {
        Connection a = new Connection("a", new RecordingSink());
        Connection b = new Connection("b", new RecordingSink());
        registry.add(a);
        registry.add(b);
        assertEquals(Set.of("a", "b"), registry.ids());
        assertEquals("b", registry.find("b").orElseThrow().id());
        assertEquals(Optional.empty(), registry.find("c").map(ConnectionHandle::id));
    }

    @Test
    void aHandleNotifiesClosesAndExports() {
        RecordingSink sink = new RecordingSink();
        Connection a = new Connection("a", sink);
        a.settings().apply("auth", Map.of("userId", JSON.string("ann"), "isAdmin", JsonValue.TRUE));
        a.settings().apply("yoctopus", Map.of("port", JSON.toJsonValue(8080)));
        registry.add(a);
        ConnectionHandle handle = registry.find("a").orElseThrow();

        handle.notify("alert", Map.of("text", "hi"));
        assertEquals(List.of("{\"meta\":{\"method\":\"notify\",\"type\":\"alert\"},\"data\":{\"text\":\"hi\"}}"), sink.sent());

        Map<String, Map<String, Object>> exported = handle.exportSettings();
        assertEquals(Map.of("auth", Map.of("userId", "ann", "isAdmin", true),
                "yoctopus", Map.of("port", new BigDecimal(8080))), exported);

        handle.close(4001, "bye");
        assertEquals(List.of(new RecordingSink.Close(4001, "bye", false)), sink.closes());
        assertEquals(List.of(), closed, "the closed event comes from the transport's close, not from the request to close");
    }

    @Test
    void aClosedConnectionLeavesAndItsEventFiresOnceWithItsLastSettings() {
        Connection a = new Connection("a", new RecordingSink());
        a.settings().apply("yoctopus", Map.of("label", JSON.string("kitchen")));
        registry.add(a);

        registry.closed(a, 4001, "bye");
        registry.closed(a, 1006, "and again");
        registry.closed(a, 1000, null);

        assertEquals(List.of(new ConnectionClosed("a", Map.of("yoctopus", Map.of("label", "kitchen")), 4001, "bye")), closed);
        assertEquals(Set.of(), registry.ids());
        assertTrue(registry.find("a").isEmpty());
        assertTrue(a.isClosed());
    }

    @Test
    void whenTheServerClosedTheEventCarriesItsCodeAndReasonWhateverTheTransportReports() {
        RecordingSink sink = new RecordingSink();
        Connection a = new Connection("a", sink);
        registry.add(a);
        registry.find("a").orElseThrow().close(4001, "bye");
        registry.closed(a, 4001, ""); // the client's echo of the close frame, without the reason
        assertEquals(List.of(new ConnectionClosed("a", Map.of(), 4001, "bye")), closed);

        Connection b = new Connection("b", new RecordingSink());
        registry.add(b);
        registry.closed(b, 1000, "client said so"); // closed by the client: as reported
        assertEquals(new ConnectionClosed("b", Map.of(), 1000, "client said so"), closed.get(1));
    }

    @Test
    void aNullReasonIsEmpty() {
        Connection a = new Connection("a", new RecordingSink());
        registry.add(a);
        registry.closed(a, 1000, null);
        assertEquals("", closed.get(0).reason());
    }

    @Test
    void theClosedEventWaitsForTheConnectionsLastRequest() {
        Connection a = new Connection("a", new RecordingSink());
        registry.add(a);
        CompletableFuture<Void> running = new CompletableFuture<>();
        assertEquals(Optional.empty(), a.enqueue(1, () -> running));
        assertEquals(Optional.empty(), a.enqueue(1, () -> {
            a.settings().apply("yoctopus", Map.of("label", JSON.string("set by the last request")));
            return CompletableFuture.completedFuture(null);
        }));

        registry.closed(a, 1001, "going away");
        assertEquals(List.of(), closed, "a request is still running");
        assertEquals(Set.of("a"), registry.ids(), "it stays registered until its requests are done");

        running.complete(null);
        assertEquals(List.of(new ConnectionClosed("a", Map.of("yoctopus", Map.of("label", "set by the last request")),
                1001, "going away")), closed);
        assertFalse(registry.ids().contains("a"));
    }

    @Test
    void aFailingListenerDoesNotKeepTheConnectionRegistered() {
        ConnectionRegistry failing = new ConnectionRegistry(JSON, event -> {
            throw new IllegalStateException("listener failed");
        });
        Connection a = new Connection("a", new RecordingSink());
        failing.add(a);
        Logger logger = Logger.getLogger(ConnectionRegistry.class.getName());
        Level level = logger.getLevel();
        logger.setLevel(Level.OFF);
        try {
            failing.closed(a, 1000, "");
        } finally {
            logger.setLevel(level);
        }
        assertEquals(Set.of(), failing.ids());
    }

    @Test
    void addWithinRefusesOnceMaxAreOpenAndZeroMeansNoLimit() {
        assertTrue(registry.addWithin(new Connection("a", new RecordingSink()), 2));
        assertTrue(registry.addWithin(new Connection("b", new RecordingSink()), 2));
        assertFalse(registry.addWithin(new Connection("c", new RecordingSink()), 2), "two are open");
        assertEquals(Set.of("a", "b"), registry.ids());
        assertEquals(2, registry.size());
        assertTrue(registry.addWithin(new Connection("d", new RecordingSink()), 0));
        assertEquals(3, registry.size());
        assertEquals(Set.of("a", "b", "d"), Set.copyOf(registry.open().stream().map(Connection::id).toList()));
    }

    @Test
    void theQuotasOfAnOpenConnectionAreFoundByItsId() {
        Connection a = new Connection("a", new RecordingSink());
        registry.add(a);
        assertSame(a.quotas(), registry.quotas("a").orElseThrow());
        assertEquals(Optional.empty(), registry.quotas("b"));
    }

    @Test
    void aConnectionNeverAddedIsNotReportedClosed() {
        Connection stranger = new Connection("a", new RecordingSink());
        registry.add(new Connection("a", new RecordingSink()));
        registry.closed(stranger, 1000, "");
        assertEquals(List.of(), closed);
        assertFalse(stranger.isClosed());
        assertEquals(Set.of("a"), registry.ids());
    }

    @Test
    void theEndOfAConnectionCompletesOnceItsClosedEventFired() {
        Connection a = new Connection("a", new RecordingSink());
        registry.add(a);
        assertFalse(a.ended().isDone());
        registry.closed(a, 1000, "");
        assertTrue(a.ended().isDone());
    }

    /** A connection whose client reads its close at once: the transport then reports the close. */
    private Connection answering(String id) {
        Connection[] self = new Connection[1];
        self[0] = new Connection(id, new RecordingSink().whenClosed(close -> registry.closed(self[0], 1000,
                "the client's echo")));
        return self[0];
    }

    @Test
    void shutdownClosesEveryConnectionWith1001AndFiresTheirClosedEvents() {
        registry.add(answering("a"));
        registry.add(answering("b"));
        registry.shutdown(null);
        assertEquals(Set.of(new ConnectionClosed("a", Map.of(), 1001, "server shutting down"),
                new ConnectionClosed("b", Map.of(), 1001, "server shutting down")), Set.copyOf(closed));
        assertEquals(0, registry.size());
    }

    @Test
    void shutdownFiresTheClosedEventsOfClientsThatDidNotAnswerWhenItCannotWait() {
        RecordingSink silent = new RecordingSink();
        registry.add(new Connection("silent", silent));
        registry.add(answering("a"));
        Thread.currentThread().interrupt();   // the application is being stopped hard: no grace
        try {
            registry.shutdown(null);
        } finally {
            assertTrue(Thread.interrupted(), "the interrupt is kept for the caller");
        }
        assertEquals(Set.of(new ConnectionClosed("silent", Map.of(), 1001, "server shutting down"),
                new ConnectionClosed("a", Map.of(), 1001, "server shutting down")), Set.copyOf(closed));
        assertEquals(List.of(new RecordingSink.Close(1001, "server shutting down", true)), silent.closes(),
                "given up on: no pong awaited");
        assertEquals(0, registry.size());
    }

    // ----- a cluster -----

    @Test
    void notifyAndCloseByIdActHereOnAConnectionOfThisInstance() {
        RecordingOthers others = new RecordingOthers();
        registry.others = others;
        RecordingSink sink = new RecordingSink();
        registry.add(new Connection("a", sink));

        registry.notify("a", "alert", Map.of("n", 1));
        registry.close("a", 4001, "bye");

        assertEquals(List.of("{\"meta\":{\"method\":\"notify\",\"type\":\"alert\"},\"data\":{\"n\":1}}"), sink.sent());
        assertEquals(List.of(new RecordingSink.Close(4001, "bye", false)), sink.closes());
        assertEquals(List.of(), others.told);
    }

    @Test
    void notifyAndCloseByIdOfAConnectionNotHereGoToTheOtherInstances() {
        RecordingOthers others = new RecordingOthers();
        registry.others = others;

        registry.notify("elsewhere", "alert", Map.of("n", 1));
        registry.close("elsewhere", 4001, "bye");

        assertEquals(List.of("notify elsewhere", "close elsewhere 4001 bye"), others.told);
        assertEquals(List.of("{\"meta\":{\"method\":\"notify\",\"type\":\"alert\"},\"data\":{\"n\":1}}"),
                others.notifications);

        others.up = false;
        registry.notify("elsewhere", "alert", Map.of("n", 2));
        registry.close("elsewhere", 4002, "bye");
        assertEquals(2, others.told.size(), "no other instance is up: nothing is sent");
    }

    @Test
    void onItsOwnAnInstanceDropsNotificationsAndClosesOfUnknownIds() {
        assertFalse(OtherInstances.NONE.any());
        registry.notify("nobody", "alert", Map.of());
        registry.close("nobody", 4001, "bye");
        assertEquals(Optional.empty(), registry.connection("nobody"));
    }

    @Test
    void theIdsInTheClusterAreThisInstancesAndThoseTheOtherInstancesGather() {
        registry.add(new Connection("a", new RecordingSink()));
        registry.add(new Connection("b", new RecordingSink()));
        assertEquals(new ClusterIds(Set.of("a", "b"), Set.of()),
                registry.idsInCluster().toCompletableFuture().getNow(null), "on its own: at once, its own");

        RecordingOthers others = new RecordingOthers();
        registry.others = others;
        assertEquals(new ClusterIds(Set.of("a", "b", "elsewhere"), Set.of("member-3")),
                registry.idsInCluster().toCompletableFuture().getNow(null));
        assertEquals(List.of("ids [a, b]"), others.told);
    }

    @Test
    void aListingOfTheClusterIsCompleteWhenNoMemberWasSilentAndKeepsCopies() {
        Set<String> ids = new HashSet<>(Set.of("a"));
        ClusterIds listed = new ClusterIds(ids, Set.of());
        ids.add("b");
        assertEquals(Set.of("a"), listed.ids());
        assertTrue(listed.complete());
        assertFalse(new ClusterIds(Set.of("a"), Set.of("m")).complete());
        assertThrows(UnsupportedOperationException.class, () -> listed.silentMembers().add("m"));
    }
}
