package io.yoctopus.runtime.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yoctopus.api.Connections;
import io.yoctopus.runtime.json.JsonCodec;
import io.yoctopus.runtime.metrics.Metrics;
import io.yoctopus.runtime.testing.FakeSession;
import io.yoctopus.runtime.testing.ManualScheduler;
import io.yoctopus.runtime.transport.SessionChannel;
import io.yoctopus.testing.Logs;
import io.yoctopus.testing.RecordingSink;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * What connections count in the application's figures: frames in (whole messages and fragments), messages out,
 * notifications (however they are sent), connections opened and refused past the limit, the fan-out of multicasts,
 * and a client closed for not reading.
 */
class ConnectionFiguresTest {

    private static final JsonCodec JSON = new JsonCodec();

    @AfterAll
    static void close() {
        JSON.close();
    }

    private final Metrics metrics = new Metrics();
    private final RecordingSink sink = new RecordingSink();
    private final Connection connection = new Connection("c", sink, null, Quotas.DEFAULTS, metrics);

    @Test
    void everyFrameInCountsWholeMessagesAndFragmentsAlikeAndRefusedOnesToo() {
        connection.fragmentArrived();
        connection.enqueue(3, () -> CompletableFuture.completedFuture(null));
        Connection small = new Connection("s", sink, null, new Quotas(10, 100, 1, 100), metrics);
        CompletableFuture<Void> pending = new CompletableFuture<>();
        small.enqueue(1, () -> pending);
        assertTrue(small.enqueue(1, () -> CompletableFuture.completedFuture(null)).isPresent(), "past its quota");
        assertEquals(4, metrics.framesIn());
    }

    @Test
    void aNotificationIsSentAndCountedAPlainSendIsNotANotification() {
        connection.notify("{\"n\":1}");
        connection.send("{\"r\":1}");
        assertEquals(List.of("{\"n\":1}", "{\"r\":1}"), sink.sent());
        assertEquals(1, metrics.notificationsSent());
    }

    @Test
    void aConnectionKnowsWhenItOpened() {
        long before = System.currentTimeMillis();
        Connection fresh = new Connection("f", sink);
        long after = System.currentTimeMillis();
        assertTrue(fresh.openedAtMillis() >= before && fresh.openedAtMillis() <= after);
    }

    @Test
    void notificationsThroughTheApiAndTheNotifierAreCounted() {
        ConnectionRegistry registry = new ConnectionRegistry(JSON, closed -> { }, metrics);
        registry.add(connection);
        Optional<Connections.ConnectionHandle> handle = registry.find("c");
        handle.orElseThrow().notify("t", Map.of("a", 1));
        new ConnectionNotifier(connection, new io.yoctopus.runtime.json.Messages(JSON)).notify("u", Map.of());
        assertEquals(2, metrics.notificationsSent());
        assertEquals(List.of("{\"meta\":{\"method\":\"notify\",\"type\":\"t\"},\"data\":{\"a\":1}}",
                "{\"meta\":{\"method\":\"notify\",\"type\":\"u\"},\"data\":{}}"), sink.sent());
    }

    @Test
    void theRegistryCountsConnectionsOpenedAndThoseRefusedPastTheLimitAndFindsThemById() {
        ConnectionRegistry registry = new ConnectionRegistry(JSON, closed -> { }, metrics);
        assertTrue(registry.addWithin(connection, 2));
        assertTrue(registry.addWithin(new Connection("d", sink), 2));
        assertFalse(registry.addWithin(new Connection("e", sink), 2));
        assertEquals(2, metrics.connectionsOpened());
        assertEquals(1, metrics.handshakesRefused(Metrics.Refusal.MAX_CONNECTIONS));
        assertEquals(0, metrics.handshakesRefused(Metrics.Refusal.ORIGIN));
        assertEquals(Optional.of(connection), registry.connection("c"));
        assertEquals(Optional.empty(), registry.connection("e"));
    }

    @Test
    void aMulticastCountsItsReceiversAndEachNotification() {
        ConnectionRegistry registry = new ConnectionRegistry(JSON, closed -> { }, metrics);
        MulticastService multicast = new MulticastService(registry, JSON, metrics);
        registry.add(connection);
        connection.settings().apply("chat", Map.of("room", JSON.string("lobby")));
        Connection other = new Connection("o", new RecordingSink(), null, Quotas.DEFAULTS, metrics);
        registry.add(other);
        assertEquals(1, multicast.send(Map.of("chat", Map.of("room", "lobby")), "m", Map.of()));
        assertEquals(0, multicast.send(Map.of("chat", Map.of("room", "attic")), "m", Map.of()));
        assertEquals(2, metrics.fanOut().count());
        assertEquals(1, metrics.fanOut().sum());
        assertEquals(1, metrics.notificationsSent());
    }

    @Test
    void theOutboxCountsEachMessageHandedToTheContainerAndOneCloseForAClientThatDoesNotRead() {
        FakeSession session = new FakeSession("s");
        Outbox outbox = new Outbox(new SessionChannel(session), 2, 10_000, new ManualScheduler(), 5_000, Runnable::run, status -> { },
                metrics);
        outbox.send("a");
        outbox.send("b");
        assertEquals(1, metrics.framesOut(), "b waits for a");
        session.getAsyncRemote().complete();
        assertEquals(2, metrics.framesOut());
        Logs.quietly(Outbox.class, () -> {
            outbox.send("c");
            outbox.send("d");
            outbox.send("e");
        });
        assertEquals(1, metrics.slowConsumersClosed(), "the close of the outbox that overflowed, once");
        assertEquals(2, metrics.framesOut(), "nothing more once it is closing");
    }
}
