package io.yoctopus.runtime.operations;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yoctopus.api.Connections.ClusterIds;
import io.yoctopus.runtime.connection.Connection;
import io.yoctopus.runtime.connection.ConnectionRegistry;
import io.yoctopus.runtime.json.JsonCodec;
import io.yoctopus.runtime.testing.CapturedLog;
import io.yoctopus.runtime.transport.CoreSettings;
import io.yoctopus.testing.RecordingSink;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The connections MXBean: listing, closing and notifying, each operator action logged; bad input refused clearly. */
class ConnectionsControlTest {

    private static final JsonCodec JSON = new JsonCodec();

    @AfterAll
    static void close() {
        JSON.close();
    }

    private final ConnectionRegistry registry = new ConnectionRegistry(JSON, closed -> { });
    private long now;
    private final ConnectionsControl control = new ConnectionsControl(registry, JSON, () -> now);

    private Connection open(String id, String remoteAddress, RecordingSink sink) {
        Connection connection = new Connection(id, sink);
        if (remoteAddress != null) {
            connection.settings().apply(CoreSettings.PLUGIN, Map.of("remoteAddress", JSON.string(remoteAddress)));
        }
        registry.add(connection);
        return connection;
    }

    private static List<String> messages(CapturedLog log) {
        return log.records().stream().map(LogRecord::getMessage).toList();
    }

    @Test
    void theOpenConnectionsAreListedOldestFirstWithAddressAgeAndSettings() {
        Connection b = open("b", "10.0.0.2", new RecordingSink());
        // the clock, not the code under test, is what the test waits for: "a" opens a millisecond later at least
        await().atMost(Duration.ofSeconds(1)).until(() -> System.currentTimeMillis() > b.openedAtMillis());
        Connection a = open("a", null, new RecordingSink());
        a.settings().apply("chat", Map.of("room", JSON.string("lobby")));
        now = a.openedAtMillis() + 61_999;
        assertEquals(2, control.getCount());
        List<ConnectionInfo> listed = control.getConnections();
        assertEquals(List.of("b", "a"), listed.stream().map(ConnectionInfo::getId).toList(), "oldest first");
        ConnectionInfo second = listed.get(0);
        assertEquals("10.0.0.2", second.getRemoteAddress());
        assertEquals(Instant.ofEpochMilli(b.openedAtMillis()).toString(), second.getOpenedAt());
        assertEquals((now - b.openedAtMillis()) / 1000, second.getAgeSeconds());
        assertEquals("{\"yoctopus\":{\"remoteAddress\":\"10.0.0.2\"}}", second.getSettings());
        ConnectionInfo first = listed.get(1);
        assertEquals("", first.getRemoteAddress(), "unknown");
        assertEquals(61, first.getAgeSeconds());
        assertEquals("{\"chat\":{\"room\":\"lobby\"}}", first.getSettings());
    }

    @Test
    void anOperatorClosesAConnectionWithACodeAndReasonAndItIsLogged() {
        RecordingSink sink = new RecordingSink();
        open("c1", "10.0.0.1", sink);
        open("c2", null, new RecordingSink());
        try (CapturedLog log = CapturedLog.of(ConnectionsControl.class, Level.INFO)) {
            control.close("c1", 4000, "maintenance");
            control.close("c2", 1000, null);
            assertEquals(List.of("operator closed connection c1 (from 10.0.0.1) with 4000 'maintenance'",
                    "operator closed connection c2 (from an unknown address) with 1000 ''"), messages(log));
        }
        assertEquals(List.of("close 4000 maintenance"), sink.calls());
        assertEquals(new Connection.CloseStatus(4000, "maintenance"), registry.connection("c1").orElseThrow().serverClose());
    }

    @Test
    void onlyCodesAServerMaySendAreAccepted() {
        for (int code : new int[] {1000, 1003, 1007, 1014, 3000, 4999}) {
            assertTrue(ConnectionsControl.sendable(code), String.valueOf(code));
        }
        for (int code : new int[] {999, 1004, 1005, 1006, 1015, 2999, 5000}) {
            assertFalse(ConnectionsControl.sendable(code), String.valueOf(code));
        }
        RecordingSink sink = new RecordingSink();
        open("c1", null, sink);
        assertEquals("close code 1006 cannot be sent; use 1000-1003, 1007-1014 or 3000-4999",
                assertThrows(IllegalArgumentException.class, () -> control.close("c1", 1006, "x")).getMessage());
        assertEquals(List.of(), sink.calls());
    }

    @Test
    void anUnknownConnectionIsAClearError() {
        assertEquals("no open connection 'nope'",
                assertThrows(IllegalArgumentException.class, () -> control.close("nope", 1000, "")).getMessage());
        assertEquals("no open connection 'nope'",
                assertThrows(IllegalArgumentException.class, () -> control.notify("nope", "t", "{}")).getMessage());
        assertEquals("no open connection 'null'",
                assertThrows(IllegalArgumentException.class, () -> control.notify(null, "t", "{}")).getMessage());
    }

    @Test
    void anOperatorNotifiesAConnectionWithJsonDataAndItIsLoggedAndCounted() {
        RecordingSink sink = new RecordingSink();
        Connection connection = open("c1", "10.0.0.1", sink);
        try (CapturedLog log = CapturedLog.of(ConnectionsControl.class, Level.INFO)) {
            control.notify("c1", "maintenance", "{\"in\": 5}");
            control.notify("c1", "ping", " ");
            control.notify("c1", "bare", null);
            assertEquals(List.of("operator sent connection c1 (from 10.0.0.1) the notification 'maintenance' {\"in\":5}",
                    "operator sent connection c1 (from 10.0.0.1) the notification 'ping' {}",
                    "operator sent connection c1 (from 10.0.0.1) the notification 'bare' {}"), messages(log));
        }
        assertEquals(List.of("{\"meta\":{\"method\":\"notify\",\"type\":\"maintenance\"},\"data\":{\"in\":5}}",
                "{\"meta\":{\"method\":\"notify\",\"type\":\"ping\"},\"data\":{}}",
                "{\"meta\":{\"method\":\"notify\",\"type\":\"bare\"},\"data\":{}}"), sink.sent());
        assertFalse(connection.isClosed());
    }

    @Test
    void aNotificationNeedsATypeAndJsonData() {
        RecordingSink sink = new RecordingSink();
        open("c1", null, sink);
        assertEquals("a notification needs a type",
                assertThrows(IllegalArgumentException.class, () -> control.notify("c1", " ", "{}")).getMessage());
        assertEquals("a notification needs a type",
                assertThrows(IllegalArgumentException.class, () -> control.notify("c1", null, "{}")).getMessage());
        IllegalArgumentException notJson = assertThrows(IllegalArgumentException.class,
                () -> control.notify("c1", "t", "{oops"));
        assertTrue(notJson.getMessage().startsWith("data is not JSON: "), notJson.getMessage());
        assertEquals(List.of(), sink.calls());
    }

    @Test
    void theIdsInTheClusterAreListedSortedOnAnInstanceOnItsOwnItsOwn() {
        open("b", null, new RecordingSink());
        open("a", null, new RecordingSink());
        ClusterListing listed = control.idsInCluster();
        assertEquals(List.of("a", "b"), listed.getIds());
        assertEquals(List.of(), listed.getSilentMembers());
    }

    /** A registry whose cluster-wide listing completes with {@code listed}. */
    private static ConnectionRegistry listing(CompletionStage<ClusterIds> listed) {
        return new ConnectionRegistry(JSON, closed -> { }) {
            @Override
            public CompletionStage<ClusterIds> idsInCluster() {
                return listed;
            }
        };
    }

    @Test
    void theIdsOfEveryMemberAndTheSilentMembersAreListedSorted() {
        ConnectionsControl cluster = new ConnectionsControl(listing(CompletableFuture.completedStage(
                new ClusterIds(Set.of("z", "a", "m"), Set.of("member-2", "member-1")))), JSON, () -> now);
        ClusterListing listed = cluster.idsInCluster();
        assertEquals(List.of("a", "m", "z"), listed.getIds());
        assertEquals(List.of("member-1", "member-2"), listed.getSilentMembers());
    }

    @Test
    void aListingRefusedIsTheOperatorsClearError() {
        ConnectionsControl cluster = new ConnectionsControl(listing(CompletableFuture.failedStage(
                new IllegalStateException("16 cluster-wide listings of connections are under way already"))), JSON,
                () -> now);
        IllegalStateException refused = assertThrows(IllegalStateException.class, cluster::idsInCluster);
        assertEquals("16 cluster-wide listings of connections are under way already", refused.getMessage());
    }
}
