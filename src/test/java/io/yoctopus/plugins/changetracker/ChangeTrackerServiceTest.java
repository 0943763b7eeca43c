package io.yoctopus.plugins.changetracker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yoctopus.api.ConnectionSettings;
import io.yoctopus.api.RequestRejected;
import io.yoctopus.api.events.ConnectionOpened;
import io.yoctopus.plugins.changetracker.TrackedEntities.Article;
import io.yoctopus.plugins.changetracker.TrackedEntities.Draft;
import io.yoctopus.plugins.changetracker.TrackedEntities.Memo;
import io.yoctopus.plugins.changetracker.TrackedEntities.Plain;
import io.yoctopus.runtime.connection.Connection;
import io.yoctopus.runtime.connection.MessageSink;
import io.yoctopus.testing.Logs;
import io.yoctopus.testing.RecordingSink;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The change tracker through its real initialisation ({@link ChangeTracking}): models discovered in a
 * persistence unit, auto-subscriptions from {@code @Tracked} and MicroProfile Config, visibility policies as
 * CDI beans, and committed entity changes fanned out to the subscribed connections.
 */
class ChangeTrackerServiceTest {

    private static final String MEMO = "{\"meta\":{\"method\":\"notify\",\"type\":\"data-changed\"},\"data\":"
            + "{\"operation\":\"%s\",\"model\":\"Memo\",\"fields\":{\"id\":%d}}}";

    private ChangeTracking tracking;

    @AfterEach
    void stop() {
        if (tracking != null) {
            tracking.close();
        }
        System.clearProperty(ChangeTrackerService.AUTO_SUBSCRIBE);
        System.clearProperty(TrackedModels.PUBLIC_FIELDS + "Memo");
        System.clearProperty(TrackedEntities.DRAFTS);
    }

    private ChangeTracking start(Class<?>... beans) {
        tracking = ChangeTracking.start("changetracker-test", beans);
        return tracking;
    }

    private ChangeTracker tracker() {
        return tracking.tracker;
    }

    private List<String> sent(String connectionId) {
        return tracking.sink(connectionId).sent();
    }

    /** The message of the change tracker's refusal to start, which CDI reports wrapped. */
    private static String startFailure(Executable start) {
        Throwable cause = assertThrows(RuntimeException.class, start);
        while (!(cause instanceof IllegalStateException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        assertInstanceOf(IllegalStateException.class, cause);
        return cause.getMessage();
    }

    // ----- visibility policies, as the application's beans -----

    /** Connections with an even number only. */
    @ApplicationScoped
    public static class EvenOnly implements ChangeVisibility {
        @Override
        public boolean visible(EntityChanged change, String connectionId, ConnectionSettings settings) {
            return Integer.parseInt(connectionId.substring(1)) % 2 == 0;
        }
    }

    /** Fails for c2, on purpose. */
    @ApplicationScoped
    public static class FailsForC2 implements ChangeVisibility {
        @Override
        public boolean visible(EntityChanged change, String connectionId, ConnectionSettings settings) {
            if (connectionId.equals("c2")) {
                throw new IllegalStateException("policy failure, on purpose");
            }
            return true;
        }
    }

    /** Records the user id each subscriber is logged in as. */
    @ApplicationScoped
    public static class SeesSettings implements ChangeVisibility {
        private final List<Optional<Object>> seen = new CopyOnWriteArrayList<>();

        @Override
        public boolean visible(EntityChanged change, String connectionId, ConnectionSettings settings) {
            seen.add(settings.get("auth", "userId"));
            return true;
        }

        List<Optional<Object>> seen() {
            return seen;
        }
    }

    // ----- discovery -----

    @Test
    void theModelsAreTheListenedEntitiesWhoseSwitchIsOn() {
        start();
        assertEquals(Set.of("Article", "Memo", "Pair"), tracker().trackedModels());
        tracking.close();

        System.setProperty(TrackedEntities.DRAFTS, "true");
        start();
        assertEquals(Set.of("Article", "Memo", "Draft", "Pair"), tracker().trackedModels());
        tracking.open("c0");
        tracker().addSubscription("Draft", "c0");
        tracking.commit(entities -> entities.persist(new Draft(3)));
        assertEquals("{\"meta\":{\"method\":\"notify\",\"type\":\"data-changed\"},\"data\":{\"operation\":\"create\","
                + "\"model\":\"Draft\",\"fields\":{\"id\":3}}}", tracking.sink("c0").next(),
                "@Tracked without public fields: the id");
    }

    @Test
    void theIdsOfACompositeKeyArePublicByDefaultInTheOrderOfTheirNames() {
        start();
        tracking.open("c0");
        tracker().addSubscription("Pair", "c0");
        tracking.commit(entities -> entities.persist(new TrackedEntities.Pair(1, 2, "secret label")));
        assertEquals("{\"meta\":{\"method\":\"notify\",\"type\":\"data-changed\"},\"data\":{\"operation\":\"create\","
                + "\"model\":\"Pair\",\"fields\":{\"item\":2,\"owner\":1}}}", tracking.sink("c0").next());
    }

    @Test
    void theSubscriptionEndpointsAreOffUnlessSwitchedOn() {
        start(SubscriptionEndpoints.class);
        assertFalse(tracking.container.select(SubscriptionEndpoints.class).isResolvable());
    }

    @Test
    void everyDeclarationProblemIsNamedAtOnceAndTheTrackerDoesNotStart() {
        String message = startFailure(() -> ChangeTracking.start("changetracker-invalid"));
        assertTrue(message.startsWith("change tracking: "), message);
        for (String problem : List.of(
                TrackedEntities.Unlistened.class.getName() + " is annotated @Tracked but its @EntityListeners do not include "
                        + ChangeListener.class.getName(),
                TrackedEntities.Misnamed.class.getName() + " (model Misnamed): public field 'nope' is not a persistent attribute",
                TrackedEntities.Linked.class.getName() + " (model Linked): public field 'author' is MANY_TO_ONE;"
                        + " only basic attributes can be public")) {
            assertTrue(message.contains(problem), message + "\nshould name: " + problem);
        }
    }

    @Test
    void configurationChoosesThePublicFieldsAndAddsAutoSubscriptions() {
        System.setProperty(TrackedModels.PUBLIC_FIELDS + "Memo", "text, id");
        System.setProperty(ChangeTrackerService.AUTO_SUBSCRIBE, " Memo ,,Draft");
        start();
        tracking.open("c0");
        assertEquals(List.of(new ChangeTracker.Target("Article", Optional.empty()),
                new ChangeTracker.Target("Memo", Optional.empty())), tracker().subscriptions("c0"),
                "Draft is switched off: not subscribed, and no error");

        tracking.commit(entities -> entities.persist(new Memo(4, "note")));
        assertEquals("{\"meta\":{\"method\":\"notify\",\"type\":\"data-changed\"},\"data\":{\"operation\":\"create\","
                + "\"model\":\"Memo\",\"fields\":{\"text\":\"note\",\"id\":4}}}", tracking.sink("c0").next());
    }

    @Test
    void autoSubscribingAModelThatIsNotTrackedFailsTheStart() {
        System.setProperty(ChangeTrackerService.AUTO_SUBSCRIBE, "Memo,Nope");
        assertEquals(ChangeTrackerService.AUTO_SUBSCRIBE + " names Nope, which is not a tracked model; tracked: "
                + "[Article, Memo, Pair]", startFailure(this::start));
    }

    // ----- fan-out -----

    @Test
    void theHeartbeatGivesWayWhileAChangeIsDeliveredAndResumesAfter() {
        start();
        List<Boolean> sendingToManyAtEachSend = new CopyOnWriteArrayList<>();
        for (String id : List.of("c0", "c1")) {
            tracking.open(id, new MessageSink() {
                @Override
                public void send(String text) {
                    sendingToManyAtEachSend.add(tracking.connections.sendingToMany());
                }

                @Override
                public void close(int code, String reason) {
                }
            });
        }
        tracking.commit(entities -> entities.persist(new Article(6, "Bye")));
        assertEquals(List.of(true, true), sendingToManyAtEachSend);
        assertFalse(tracking.connections.sendingToMany());
    }

    @Test
    void everyAutoSubscribedConnectionGetsTheSameTextSerializedOnce() {
        start();
        List<Connection> open = tracking.open(1000);
        tracking.commit(entities -> entities.persist(new Article(5, "Hello")));
        String first = tracking.sink("c0").next();
        assertEquals("{\"meta\":{\"method\":\"notify\",\"type\":\"data-changed\"},\"data\":{\"operation\":\"create\","
                + "\"model\":\"Article\",\"fields\":{\"id\":5,\"title\":\"Hello\"}}}", first);
        for (Connection connection : open.subList(1, open.size())) {
            List<String> sent = sent(connection.id());
            assertEquals(1, sent.size(), connection.id());
            assertSame(first, sent.get(0), "one String instance: serialized once for all receivers");
        }
    }

    @Test
    void rowSubscribersGetOnlyTheirRowAndModelSubscribersEveryRow() {
        start();
        tracking.open(3);
        tracking.commit(entities -> {
            entities.persist(new Memo(8, "eight"));
            entities.persist(new Memo(9, "nine"));
        });
        tracker().addSubscription("Memo", "c0");
        tracker().addSubscription("Memo", "c1", 7);
        tracker().addSubscription("Memo", "c1", "8");

        tracking.commit(entities -> entities.persist(new Memo(7, "seven")));
        tracking.commit(entities -> entities.remove(entities.find(Memo.class, 8L)));
        tracking.commit(entities -> entities.find(Memo.class, 9L).rewrite("changed"));

        assertEquals(List.of(MEMO.formatted("create", 7), MEMO.formatted("delete", 8), MEMO.formatted("update", 9)),
                sent("c0"));
        assertEquals(List.of(MEMO.formatted("create", 7), MEMO.formatted("delete", 8)), sent("c1"));
        assertEquals(List.of(), sent("c2"));
    }

    @Test
    void changesOfEntitiesThatAreNotTrackedAreNotAnnounced() {
        start();
        tracking.open("c0");
        tracker().addSubscription("Memo", "c0");
        tracking.commit(entities -> {
            entities.persist(new Plain(1));
            entities.persist(new Draft(1));
        });
        tracking.sink("c0").assertNothingSent();
    }

    @Test
    void aPolicyVetoesPerConnectionAndAFailingPolicyVetoes() {
        start(EvenOnly.class, FailsForC2.class);
        tracking.open(6);
        Logs.quietly(ChangeTrackerService.class, () -> tracking.commit(entities -> entities.persist(new Article(1, "t"))));
        for (int i = 0; i < 6; i++) {
            assertEquals(i == 0 || i == 4 ? 1 : 0, sent("c" + i).size(), "connection c" + i);
        }
    }

    @Test
    void anAnnouncementCountsTheConnectionsItWasQueuedFor() {
        start(EvenOnly.class);
        tracking.open(6);
        Article article = new Article(1, "t");
        ChangeTrackerService service = tracking.service();
        assertEquals(3, service.announce(new EntityChanged(EntityChanged.Operation.CREATE, "Article", 1L, article)));
        assertEquals(0, service.announce(new EntityChanged(EntityChanged.Operation.CREATE, "Memo", 1L, new Memo(1, "m"))),
                "nobody is subscribed to Memo");
        assertEquals(0, service.announce(new EntityChanged(EntityChanged.Operation.CREATE, "Plain", 1L, new Plain(1))),
                "not a tracked model");
    }

    @Test
    void aPolicySeesTheSubscribersSettings() {
        start(SeesSettings.class);
        Connection connection = tracking.open("c0");
        connection.settings().apply("auth", Map.of("userId", Json.createValue("alice")));
        tracking.commit(entities -> entities.persist(new Article(1, "t")));
        assertEquals(List.of(Optional.of("alice")), tracking.container.select(SeesSettings.class).get().seen());
    }

    @Test
    void valuesOfAnyKindAreWrittenAsJsonAndOnlyThePublicFields() {
        start();
        tracking.open("c0");
        tracking.commit(entities -> entities.persist(new Article(2, "quote \" and \\ and \u00e9")));
        String message = tracking.sink("c0").next();
        assertEquals("{\"meta\":{\"method\":\"notify\",\"type\":\"data-changed\"},\"data\":{\"operation\":\"create\","
                + "\"model\":\"Article\",\"fields\":{\"id\":2,\"title\":\"quote \\\" and \\\\ and \u00e9\"}}}", message);
        assertTrue(!message.contains("hunter2"));
    }

    // ----- subscriptions -----

    @Test
    void closingAConnectionEndsItsSubscriptions() {
        start();
        Connection c0 = tracking.open("c0");
        tracking.open("c1");
        tracker().addSubscription("Memo", "c0", 3);
        assertEquals(2, tracker().subscriptions("c0").size());
        tracking.connections.closed(c0, 1000, "");
        assertEquals(List.of(), tracker().subscriptions("c0"));
        assertEquals(List.of(new ChangeTracker.Target("Article", Optional.empty())), tracker().subscriptions("c1"));
        tracking.commit(entities -> entities.persist(new Article(1, "t")));
        assertEquals(1, sent("c1").size());
        assertEquals(List.of(), sent("c0"));
    }

    @Test
    void untrackedModelsAndUnknownConnectionsAreRefused() {
        start();
        tracking.open("c0");
        UntrackedModel untracked = assertThrows(UntrackedModel.class, () -> tracker().addSubscription("Comment", "c0"));
        assertEquals(List.of("model 'Comment' is not tracked"), untracked.errors());
        UntrackedModel longName = assertThrows(UntrackedModel.class,
                () -> tracker().addSubscription("M".repeat(1000), "c0"));
        assertEquals(List.of("model '" + "M".repeat(64) + "…' is not tracked"), longName.errors());
        assertEquals(List.of("model 'null' is not tracked"),
                assertThrows(UntrackedModel.class, () -> tracker().addSubscription(null, "c0")).errors());
        assertEquals(List.of("model 'Draft' is not tracked"),
                assertThrows(UntrackedModel.class, () -> tracker().addSubscription("Draft", "c0", 1)).errors());
        assertThrows(UntrackedModel.class, () -> tracker().removeSubscription("Comment", "c0"));
        assertThrows(UntrackedModel.class, () -> tracker().removeSubscription("Comment", "c0", 1));
        assertEquals("no open connection nobody",
                assertThrows(IllegalArgumentException.class, () -> tracker().addSubscription("Memo", "nobody")).getMessage());
        assertEquals("instanceId is null; use addSubscription(modelName, subscriptionId)",
                assertThrows(IllegalArgumentException.class, () -> tracker().addSubscription("Memo", "c0", null))
                        .getMessage());
        assertEquals(List.of(new ChangeTracker.Target("Article", Optional.empty())), tracker().subscriptions("c0"));
    }

    @Test
    void aConnectionIsRefusedPastItsSubscriptionQuota() {
        start();
        tracking.open("c0"); // auto-subscribed to Article: one of its 1000
        for (int row = 1; row <= 999; row++) {
            tracker().addSubscription("Memo", "c0", row);
        }
        RequestRejected full = assertThrows(RequestRejected.class, () -> tracker().addSubscription("Memo", "c0", 1000));
        assertEquals(List.of("quota exceeded: at most 1000 subscriptions per connection (yoctopus.quota.subscriptions)"),
                full.errors());
        assertThrows(RequestRejected.class, () -> tracker().addSubscription("Memo", "c0"));
        assertEquals(1000, tracker().subscriptions("c0").size());
    }

    @Test
    void endedSubscriptionsGiveTheirPlacesBack() {
        start();
        Connection c0 = tracking.open("c0");
        tracker().addSubscription("Memo", "c0", 1);
        tracker().addSubscription("Memo", "c0", "1"); // the same row: no new place
        tracker().addSubscription("Memo", "c0");
        assertEquals(3, c0.quotas().subscriptions(), "Article, Memo and Memo 1");
        tracker().removeSubscription("Memo", "c0", 1);
        tracker().removeSubscription("Memo", "c0", 1); // gone already: nothing more given back
        assertEquals(2, c0.quotas().subscriptions());
        for (int row = 2; row <= 999; row++) {
            tracker().addSubscription("Memo", "c0", row);
        }
        assertEquals(1000, c0.quotas().subscriptions());
        tracker().removeSubscription("Memo", "c0");
        tracker().addSubscription("Memo", "c0", 1000);
        assertThrows(RequestRejected.class, () -> tracker().addSubscription("Memo", "c0"));

        tracking.connections.closed(c0, 1000, "");
        assertEquals(0, c0.quotas().subscriptions(), "closing gives every place back");
        assertEquals(List.of(), tracker().subscriptions("c0"));
    }

    @Test
    void aConnectionClosedBeforeItsOpenedEventGetsNoAutoSubscription() {
        start();
        tracking.container.getBeanManager().getEvent().select(ConnectionOpened.class)
                .fire(new ConnectionOpened("gone", null, null, Map.of()));
        assertEquals(List.of(), tracker().subscriptions("gone"));
    }

    /**
     * Subscribing while the connection closes, many times over: whichever comes first, no subscription and
     * no taken place outlives the connection.
     */
    @Test
    void aSubscriptionRacingTheCloseDoesNotOutliveTheConnection() throws Exception {
        start();
        SubscriptionRegistry registry = tracking.registry();
        ExecutorService subscriber = Executors.newSingleThreadExecutor();
        try {
            for (int round = 0; round < 300; round++) {
                String id = "r" + round;
                Connection connection = new Connection(id, new RecordingSink());
                tracking.connections.add(connection);
                CountDownLatch started = new CountDownLatch(1);
                Future<Integer> subscribing = subscriber.submit(() -> {
                    started.countDown();
                    int added = 0;
                    try {
                        while (added < 1000) {
                            tracker().addSubscription("Memo", id, added++);
                        }
                    } catch (IllegalArgumentException closed) {
                        // the connection is gone: what the race ends with
                    }
                    return added;
                });
                started.await();
                tracking.connections.closed(connection, 1000, "");
                subscribing.get(10, TimeUnit.SECONDS);
                assertEquals(List.of(), tracker().subscriptions(id), "round " + round);
                assertEquals(0, registry.entries(), "round " + round);
                assertEquals(0, registry.rows(), "round " + round);
                assertEquals(0, connection.quotas().subscriptions(), "round " + round);
            }
        } finally {
            subscriber.shutdownNow();
        }
    }
}
