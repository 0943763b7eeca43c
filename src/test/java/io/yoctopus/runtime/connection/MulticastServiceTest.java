package io.yoctopus.runtime.connection;

import io.yoctopus.runtime.metrics.Metrics;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yoctopus.api.events.ConnectionClosed;
import io.yoctopus.runtime.json.JsonCodec;
import io.yoctopus.testing.RecordingSink;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Multicast over a real {@link ConnectionRegistry} of 1,000 connections: exactly the matching connections
 * receive the notification, and it is serialized once for all of them.
 */
class MulticastServiceTest {

    private static final JsonCodec JSON = new JsonCodec();
    private static final int CONNECTIONS = 1_000;
    private static final int ROOMS = 10;

    @AfterAll
    static void close() {
        JSON.close();
    }

    /** Notification data that counts how often JSON-B reads it, i.e. how often it is serialized. */
    public static final class CountingData {
        static final AtomicInteger READS = new AtomicInteger();

        public String getText() {
            READS.incrementAndGet();
            return "hello room 3";
        }
    }

    private final List<ConnectionClosed> closedEvents = new CopyOnWriteArrayList<>();
    private final ConnectionRegistry registry = new ConnectionRegistry(JSON, closedEvents::add);
    private final MulticastService multicast = new MulticastService(registry, JSON, new Metrics());
    private final List<Connection> connections = new ArrayList<>();
    private final List<RecordingSink> sinks = new ArrayList<>();

    /** 1,000 open connections, connection i in room {@code "r" + i % 10}; every tenth one is an admin. */
    @BeforeEach
    void openConnections() {
        CountingData.READS.set(0);
        for (int i = 0; i < CONNECTIONS; i++) {
            RecordingSink sink = new RecordingSink();
            Connection connection = new Connection("c" + i, sink);
            connection.settings().apply("chat", Map.of("room", JSON.string("r" + i % ROOMS)));
            connection.settings().apply("auth", Map.of("isAdmin", i % 100 == 0 ? JsonValue.TRUE : JsonValue.FALSE));
            registry.add(connection);
            connections.add(connection);
            sinks.add(sink);
        }
    }

    @Test
    void oneThousandConnectionsTenPercentMatchTheNotificationIsSerializedOnce() {
        int receivers = multicast.send(Map.of("chat", Map.of("room", "r3")), "chat-message", new CountingData());

        assertEquals(CONNECTIONS / ROOMS, receivers);
        assertEquals(1, CountingData.READS.get(), "the data was serialized once, not once per receiver");
        String expected = "{\"meta\":{\"method\":\"notify\",\"type\":\"chat-message\"},\"data\":{\"text\":\"hello room 3\"}}";
        String first = sinks.get(3).sent().get(0);
        assertEquals(expected, first);
        for (int i = 0; i < CONNECTIONS; i++) {
            List<String> sent = sinks.get(i).sent();
            if (i % ROOMS == 3) {
                assertEquals(1, sent.size(), "connection " + i + " is in room r3");
                assertSame(first, sent.get(0), "connection " + i + " got the one serialized message");
            } else {
                assertEquals(List.of(), sent, "connection " + i + " is not in room r3");
            }
        }
    }

    /** A connection that records, at each send, whether the registry knows a send to many is under way. */
    private List<Boolean> probeUnderWay() {
        List<Boolean> underWay = new CopyOnWriteArrayList<>();
        registry.add(new Connection("probe", new MessageSink() {
            @Override
            public void send(String text) {
                underWay.add(registry.sendingToMany());
            }

            @Override
            public void close(int code, String reason) {
            }
        }));
        return underWay;
    }

    @Test
    void theRegistryKnowsAMulticastIsUnderWayWhileItSends() {
        List<Boolean> underWay = probeUnderWay();
        assertEquals(CONNECTIONS + 1, multicast.send(Map.of(), "x", 1));
        assertEquals(List.of(true), underWay, "the heartbeat gives way while it sends");
        assertFalse(registry.sendingToMany(), "and no longer after");
    }

    @Test
    void aMulticastFromAnotherInstanceIsASendToManyHereToo() {
        List<Boolean> underWay = probeUnderWay();
        assertEquals(CONNECTIONS + 1, multicast.deliver(new SettingsFilter(JsonValue.EMPTY_JSON_OBJECT), "{}"));
        assertEquals(List.of(true), underWay, "the heartbeat gives way while it delivers");
        assertFalse(registry.sendingToMany(), "and no longer after");
    }

    @Test
    void everyNamedSettingMustMatch() {
        // admins are connections 0, 100, ..., 900: all in room r0
        assertEquals(10, multicast.send(Map.of("auth", Map.of("isAdmin", true)), "admin-alert", Map.of("n", 1)));
        assertEquals(10, multicast.send(Map.of("auth", Map.of("isAdmin", true), "chat", Map.of("room", "r0")),
                "admin-alert", Map.of("n", 2)));
        assertEquals(0, multicast.send(Map.of("auth", Map.of("isAdmin", true), "chat", Map.of("room", "r1")),
                "admin-alert", Map.of("n", 3)));
        assertEquals(0, multicast.send(Map.of("chat", Map.of("room", "nowhere")), "x", "never"));
        for (int i = 0; i < CONNECTIONS; i++) {
            assertEquals(i % 100 == 0 ? 2 : 0, sinks.get(i).sent().size(), "messages of connection " + i);
        }
        assertEquals("{\"meta\":{\"method\":\"notify\",\"type\":\"admin-alert\"},\"data\":{\"n\":2}}",
                sinks.get(500).sent().get(1));
    }

    @Test
    void anEmptyFilterReachesEveryOpenConnection() {
        assertEquals(CONNECTIONS, multicast.send(Map.of(), "all", List.of(1, 2)));
        assertTrue(sinks.stream().allMatch(sink -> sink.sent().size() == 1));
    }

    @Test
    void closedConnectionsReceiveNothing() {
        registry.closed(connections.get(3), 1000, "");
        registry.closed(connections.get(13), 1001, "going away");
        assertEquals(2, closedEvents.size());

        assertEquals(CONNECTIONS / ROOMS - 2, multicast.send(Map.of("chat", Map.of("room", "r3")), "chat-message", "hi"));
        assertEquals(List.of(), sinks.get(3).sent());
        assertEquals(List.of(), sinks.get(13).sent());
        assertEquals(1, sinks.get(23).sent().size());
    }

    // ----- a cluster -----

    @Test
    void inAClusterTheOtherInstancesAreHandedTheFilterAndTheVeryTextSentHere() {
        RecordingOthers others = new RecordingOthers();
        registry.others = others;
        assertEquals(CONNECTIONS / ROOMS, multicast.send(Map.of("chat", Map.of("room", "r3")), "chat-message",
                new CountingData()));
        assertEquals(List.of("multicast {\"chat\":{\"room\":\"r3\"}}"), others.told);
        assertSame(sinks.get(3).sent().get(0), others.notifications.get(0), "serialized once, for every instance");
        assertEquals(1, CountingData.READS.get());
    }

    @Test
    void whenNoOtherInstanceIsUpNothingIsPreparedForThem() {
        RecordingOthers others = new RecordingOthers();
        others.up = false;
        registry.others = others;
        assertEquals(CONNECTIONS / ROOMS, multicast.send(Map.of("chat", Map.of("room", "r3")), "x", Map.of()));
        assertEquals(List.of(), others.told);
    }

    @Test
    void aMulticastFromAnotherInstanceIsDeliveredAsItsTextToTheMatchingConnectionsHere() {
        String text = "{\"meta\":{\"method\":\"notify\",\"type\":\"x\"},\"data\":1}";
        assertEquals(CONNECTIONS / ROOMS, multicast.deliver(new SettingsFilter(JSON.parse("{\"chat\":{\"room\":\"r4\"}}")
                .asJsonObject()), text));
        assertSame(text, sinks.get(4).sent().get(0));
        assertEquals(List.of(), sinks.get(5).sent());
    }
}
