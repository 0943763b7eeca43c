package io.yoctopus.plugins.changetracker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yoctopus.api.RequestRejected;
import io.yoctopus.api.events.ConnectionClosed;
import io.yoctopus.api.events.ConnectionOpened;
import io.yoctopus.runtime.connection.Connection;
import io.yoctopus.runtime.connection.ConnectionRegistry;
import io.yoctopus.runtime.connection.MessageSink;
import io.yoctopus.runtime.json.JsonCodec;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The tracker's fan-out on the real connection registry, JSON codec and settings store, with connections
 * whose outgoing messages are collected in memory instead of going to a socket.
 */
class ChangeTrackerServiceTest {

    /** An entity: {@code secret} is never public. */
    static class Article {
        private final Long id;
        private final String title;
        private final String secret = "hunter2";

        Article(long id, String title) {
            this.id = id;
            this.title = title;
        }
    }

    static class Memo {
        private final Long id;

        Memo(long id) {
            this.id = id;
        }
    }

    /** Collects what a connection sends. */
    static final class Inbox implements MessageSink {
        final List<String> messages = new CopyOnWriteArrayList<>();

        @Override
        public void send(String text) {
            messages.add(text);
        }

        @Override
        public void close(int code, String reason) {
        }
    }

    private final JsonCodec json = new JsonCodec();
    private final ConnectionRegistry connections = new ConnectionRegistry(json, closed -> tracker().closed(closed));
    private final ChangeTrackerService tracker = new ChangeTrackerService();
    private final List<Inbox> inboxes = new ArrayList<>();
    private final List<Connection> open = new ArrayList<>();

    ChangeTrackerServiceTest() {
        tracker.models = TrackedModels.of(
                new TrackedModels.Model("Article", Article.class, PublicFields.of(Article.class, List.of("id", "title")), true),
                new TrackedModels.Model("Memo", Memo.class, PublicFields.of(Memo.class, List.of("id")), false));
        tracker.connections = connections;
        tracker.json = json;
    }

    private ChangeTrackerService tracker() {
        return tracker;
    }

    @AfterEach
    void close() {
        json.close();
    }

    private void start(int count, ChangeVisibility... policies) {
        tracker.use(List.of("Article"), List.of(policies));
        for (int i = 0; i < count; i++) {
            Inbox inbox = new Inbox();
            Connection connection = new Connection("c" + i, inbox);
            connections.add(connection);
            tracker.opened(new ConnectionOpened(connection.id(), null, null, Map.of()));
            inboxes.add(inbox);
            open.add(connection);
        }
    }

    private static EntityChanged change(EntityChanged.Operation operation, Object entity, long id) {
        return new EntityChanged(operation, entity.getClass().getSimpleName(), id, entity);
    }

    @Test
    void everyAutoSubscribedConnectionGetsTheSameTextSerializedOnce() {
        start(1000);
        int sent = tracker.announce(change(EntityChanged.Operation.CREATE, new Article(5, "Hello"), 5));
        assertEquals(1000, sent);
        String first = inboxes.get(0).messages.get(0);
        assertEquals("{\"meta\":{\"method\":\"notify\",\"type\":\"data-changed\"},\"data\":{\"operation\":\"create\","
                + "\"model\":\"Article\",\"fields\":{\"id\":5,\"title\":\"Hello\"}}}", first);
        for (Inbox inbox : inboxes) {
            assertEquals(1, inbox.messages.size());
            assertSame(first, inbox.messages.get(0), "one String instance: serialized once for all receivers");
        }
    }

    @Test
    void rowSubscribersGetOnlyTheirRowAndModelSubscribersEveryRow() {
        start(3);
        tracker.addSubscription("Memo", "c0");
        tracker.addSubscription("Memo", "c1", 7);
        tracker.addSubscription("Memo", "c1", "8");

        tracker.announce(change(EntityChanged.Operation.UPDATE, new Memo(7), 7));
        tracker.announce(change(EntityChanged.Operation.DELETE, new Memo(8), 8));
        tracker.announce(change(EntityChanged.Operation.UPDATE, new Memo(9), 9));

        String memo = "{\"meta\":{\"method\":\"notify\",\"type\":\"data-changed\"},\"data\":{\"operation\":\"%s\","
                + "\"model\":\"Memo\",\"fields\":{\"id\":%d}}}";
        assertEquals(List.of(memo.formatted("update", 7), memo.formatted("delete", 8), memo.formatted("update", 9)),
                inboxes.get(0).messages);
        assertEquals(List.of(memo.formatted("update", 7), memo.formatted("delete", 8)), inboxes.get(1).messages);
        assertEquals(List.of(), inboxes.get(2).messages);
    }

    @Test
    void aPolicyVetoesPerConnectionAndAFailingPolicyVetoes() {
        ChangeVisibility evenOnly = (change, connectionId, settings) ->
                Integer.parseInt(connectionId.substring(1)) % 2 == 0;
        ChangeVisibility notC2 = (change, connectionId, settings) -> {
            if (connectionId.equals("c2")) {
                throw new IllegalStateException("policy failure, on purpose");
            }
            return true;
        };
        start(6, evenOnly, notC2);
        assertEquals(2, tracker.announce(change(EntityChanged.Operation.CREATE, new Article(1, "t"), 1)));
        for (int i = 0; i < 6; i++) {
            assertEquals(i == 0 || i == 4 ? 1 : 0, inboxes.get(i).messages.size(), "connection c" + i);
        }
    }

    @Test
    void aPolicySeesTheSubscribersSettings() {
        List<Optional<Object>> seen = new CopyOnWriteArrayList<>();
        start(1, (change, connectionId, settings) -> {
            seen.add(settings.get("auth", "userId"));
            return true;
        });
        open.get(0).settings().apply("auth", Map.of("userId", json.string("alice")));
        tracker.announce(change(EntityChanged.Operation.CREATE, new Article(1, "t"), 1));
        assertEquals(List.of(Optional.of("alice")), seen);
    }

    @Test
    void closingAConnectionEndsItsSubscriptions() {
        start(2);
        tracker.addSubscription("Memo", "c0", 3);
        assertEquals(2, tracker.subscriptions("c0").size());
        tracker.closed(new ConnectionClosed("c0", Map.of(), 1000, ""));
        assertEquals(List.of(), tracker.subscriptions("c0"));
        assertEquals(List.of(new ChangeTracker.Target("Article", Optional.empty())), tracker.subscriptions("c1"));
        assertEquals(1, tracker.announce(change(EntityChanged.Operation.CREATE, new Article(1, "t"), 1)));
    }

    @Test
    void untrackedModelsAndUnknownConnectionsAreRefused() {
        start(1);
        UntrackedModel untracked = assertThrows(UntrackedModel.class, () -> tracker.addSubscription("Comment", "c0"));
        assertEquals(List.of("model 'Comment' is not tracked"), untracked.errors());
        UntrackedModel longName = assertThrows(UntrackedModel.class,
                () -> tracker.addSubscription("M".repeat(1000), "c0"));
        assertEquals(List.of("model '" + "M".repeat(64) + "…' is not tracked"), longName.errors());
        assertEquals(List.of("model 'null' is not tracked"),
                assertThrows(UntrackedModel.class, () -> tracker.addSubscription(null, "c0")).errors());
        assertThrows(UntrackedModel.class, () -> tracker.removeSubscription("Comment", "c0"));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> tracker.addSubscription("Memo", "nobody"));
        assertTrue(unknown.getMessage().contains("nobody"));
        assertEquals(List.of(new ChangeTracker.Target("Article", Optional.empty())), tracker.subscriptions("c0"));
    }

    @Test
    void aConnectionIsRefusedPastItsSubscriptionQuota() {
        start(1); // auto-subscribed to Article: one of its 1000
        for (int row = 1; row <= 999; row++) {
            tracker.addSubscription("Memo", "c0", row);
        }
        RequestRejected full = assertThrows(RequestRejected.class, () -> tracker.addSubscription("Memo", "c0", 1000));
        assertEquals(List.of("quota exceeded: at most 1000 subscriptions per connection (yoctopus.quota.subscriptions)"),
                full.errors());
        assertThrows(RequestRejected.class, () -> tracker.addSubscription("Memo", "c0"));
        assertEquals(1000, tracker.subscriptions("c0").size());
    }

    @Test
    void endedSubscriptionsGiveTheirPlacesBack() {
        start(1);
        Connection c0 = open.get(0);
        tracker.addSubscription("Memo", "c0", 1);
        tracker.addSubscription("Memo", "c0", "1"); // the same row: no new place
        tracker.addSubscription("Memo", "c0");
        assertEquals(3, c0.quotas().subscriptions(), "Article, Memo and Memo 1");
        tracker.removeSubscription("Memo", "c0", 1);
        tracker.removeSubscription("Memo", "c0", 1); // gone already: nothing more given back
        assertEquals(2, c0.quotas().subscriptions());
        for (int row = 2; row <= 999; row++) {
            tracker.addSubscription("Memo", "c0", row);
        }
        assertEquals(1000, c0.quotas().subscriptions());
        tracker.removeSubscription("Memo", "c0");
        tracker.addSubscription("Memo", "c0", 1000);
        assertThrows(RequestRejected.class, () -> tracker.addSubscription("Memo", "c0"));

        connections.closed(c0, 1000, "");
        assertEquals(0, c0.quotas().subscriptions(), "closing gives every place back");
        assertEquals(List.of(), tracker.subscriptions("c0"));
    }

    @Test
    void aConnectionClosedBeforeItsOpenedEventGetsNoAutoSubscription() {
        tracker.use(List.of("Article"), List.of());
        tracker.opened(new ConnectionOpened("gone", null, null, Map.of()));
        assertEquals(List.of(), tracker.subscriptions("gone"));
    }

    /**
     * Subscribing while the connection closes, many times over: whichever comes first, no subscription and
     * no taken place outlives the connection.
     */
    @Test
    void aSubscriptionRacingTheCloseDoesNotOutliveTheConnection() throws Exception {
        tracker.use(List.of(), List.of());
        ExecutorService subscriber = Executors.newSingleThreadExecutor();
        try {
            for (int round = 0; round < 300; round++) {
                String id = "r" + round;
                Connection connection = new Connection(id, new Inbox());
                connections.add(connection);
                CountDownLatch started = new CountDownLatch(1);
                Future<Integer> subscribing = subscriber.submit(() -> {
                    started.countDown();
                    int added = 0;
                    try {
                        while (added < 1000) {
                            tracker.addSubscription("Memo", id, added++);
                        }
                    } catch (IllegalArgumentException closed) {
                        // the connection is gone: what the race ends with
                    }
                    return added;
                });
                started.await();
                connections.closed(connection, 1000, "");
                subscribing.get(10, TimeUnit.SECONDS);
                assertEquals(List.of(), tracker.subscriptions(id), "round " + round);
                assertEquals(0, tracker.registry.entries(), "round " + round);
                assertEquals(0, tracker.registry.rows(), "round " + round);
                assertEquals(0, connection.quotas().subscriptions(), "round " + round);
            }
        } finally {
            subscriber.shutdownNow();
        }
    }

    @Test
    void valuesOfAnyKindAreWrittenAsJson() {
        start(1);
        tracker.announce(change(EntityChanged.Operation.UPDATE, new Article(2, "quote \" and \\ and \u00e9"), 2));
        assertEquals(json.parse("{\"id\":2,\"title\":\"quote \\\" and \\\\ and \u00e9\"}"),
                json.parse(inboxes.get(0).messages.get(0)).asJsonObject().getJsonObject("data").get("fields"));
        assertTrue(!inboxes.get(0).messages.get(0).contains("hunter2"));
        assertEquals(JsonValue.ValueType.OBJECT, json.parse(inboxes.get(0).messages.get(0)).getValueType());
    }
}
