package io.yoctopus.plugins.changetracker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.yoctopus.api.ConnectionSettings;
import io.yoctopus.plugins.changetracker.TrackedEntities.Article;
import io.yoctopus.plugins.changetracker.TrackedEntities.Memo;
import io.yoctopus.runtime.cluster.Cluster;
import io.yoctopus.runtime.testing.FakeGrid;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The change feed across the instances of a cluster: the change tracker started for real ({@link ChangeTracking}) as
 * instance A of a grid in memory, next to a peer B. A change that commits on A is announced to A's subscribers and
 * published once, as the very text they got; a change published by B is announced to A's subscribers and never
 * published again; visibility policies see the public fields on both sides.
 */
class ChangeTrackerClusterTest {

    private static final String ARTICLE = "{\"meta\":{\"method\":\"notify\",\"type\":\"data-changed\"},\"data\":"
            + "{\"operation\":\"%s\",\"model\":\"Article\",\"fields\":{\"id\":%d,\"title\":\"%s\"}}}";

    /** Records each change it is asked about, and lets every subscriber see it. */
    @ApplicationScoped
    public static class Recording implements ChangeVisibility {
        static final List<EntityChanged> SEEN = new CopyOnWriteArrayList<>();

        @Override
        public boolean visible(EntityChanged change, String connectionId, ConnectionSettings settings) {
            SEEN.add(change);
            return true;
        }
    }

    private final FakeGrid grid = new FakeGrid();
    private final FakeGrid.Bus busOfA = grid.join("A");
    private final List<List<String>> heardByB = new CopyOnWriteArrayList<>();
    private ChangeTracking tracking;

    @AfterEach
    void stop() {
        if (tracking != null) {
            tracking.close();
        }
    }

    /** Instance A: the tracker on the grid. */
    private ChangeTrackerService startA(Class<?>... beans) {
        Recording.SEEN.clear();
        tracking = ChangeTracking.start("changetracker-test", beans);
        ChangeTrackerService service = tracking.service();
        service.cluster = new Cluster(busOfA, Runnable::run);
        service.start(null);
        return service;
    }

    /** Instance B: a peer that records what reaches it. */
    private Cluster peerB() {
        Cluster b = new Cluster(grid.join("B"), Runnable::run);
        b.on(ChangeTrackerService.CHANNEL, (publisher, fields) -> heardByB.add(fields));
        return b;
    }

    @Test
    void aChangeCommittedHereIsPublishedOnceAsTheTextSentToTheSubscribersHere() {
        startA();
        peerB();
        tracking.open("c0");
        tracking.commit(entities -> entities.persist(new Article(1, "t")));

        String sent = tracking.sink("c0").next();
        assertEquals(ARTICLE.formatted("create", 1, "t"), sent);
        assertEquals(List.of(List.of("Article", "CREATE", sent, "1")), heardByB);
        assertEquals(1, busOfA.published().size());
    }

    @Test
    void aChangeNoOneHereSubscribedToStillReachesTheOtherInstances() {
        ChangeTrackerService service = startA();
        peerB();
        assertEquals(0, service.announce(new EntityChanged(EntityChanged.Operation.DELETE, "Memo", 5, new Memo(5, "m"))));
        assertEquals(List.of(List.of("Memo", "DELETE",
                "{\"meta\":{\"method\":\"notify\",\"type\":\"data-changed\"},\"data\":{\"operation\":\"delete\","
                        + "\"model\":\"Memo\",\"fields\":{\"id\":5}}}", "5")), heardByB);
    }

    @Test
    void aChangeWithoutIdIsPublishedWithoutARowKey() {
        ChangeTrackerService service = startA();
        peerB();
        service.announce(new EntityChanged(EntityChanged.Operation.CREATE, "Memo", null, new Memo(5, "m")));
        assertEquals(3, heardByB.get(0).size(), heardByB.toString());
    }

    @Test
    void anInstanceAloneOnTheGridPublishesNothing() {
        ChangeTrackerService service = startA();
        tracking.open("c0");
        assertEquals(1, service.announce(new EntityChanged(EntityChanged.Operation.CREATE, "Article", 1L,
                new Article(1, "t"))));
        assertEquals(0, service.announce(new EntityChanged(EntityChanged.Operation.CREATE, "Memo", 1L,
                new Memo(1, "m"))));
        assertEquals(List.of(), busOfA.published());
    }

    @Test
    void aChangeFromAnotherInstanceReachesTheSubscribersHereAndIsNotPublishedAgain() {
        startA();
        tracking.open("c0");
        String text = ARTICLE.formatted("update", 7, "from B");
        peerB().publish(ChangeTrackerService.CHANNEL, "Article", "UPDATE", text, "7");

        assertSame(text, tracking.sink("c0").next());
        assertEquals(List.of(), busOfA.published());
    }

    @Test
    void aChangeFromAnotherInstanceReachesTheRowsSubscribersAndTheModelsOnly() {
        ChangeTrackerService service = startA();
        tracking.open(4);
        tracking.tracker.addSubscription("Memo", "c1", 3);
        tracking.tracker.addSubscription("Memo", "c2", 4);
        tracking.tracker.addSubscription("Memo", "c3");
        String text = "{\"memo\":3}";

        assertEquals(2, service.committedElsewhere("B", List.of("Memo", "UPDATE", text, "3")));
        assertEquals(1, service.committedElsewhere("B", List.of("Memo", "CREATE", text)));
        assertEquals(List.of(text), tracking.sink("c1").sent());
        assertEquals(List.of(), tracking.sink("c2").sent());
        assertEquals(List.of(text, text), tracking.sink("c3").sent());
        assertEquals(0, service.committedElsewhere("B", List.of("Ghost", "CREATE", text)), "not tracked here");
        assertEquals(0, service.committedElsewhere("B", List.of("Plain", "CREATE", text)), "not tracked here");
    }

    @Test
    void onAnotherInstanceAPolicySeesThePublicFieldsTheRowKeyAndNoEntity() {
        ChangeTrackerService service = startA(Recording.class);
        tracking.open("c0");
        service.committedElsewhere("B", List.of("Article", "UPDATE", ARTICLE.formatted("update", 7, "x"), "7"));

        EntityChanged seen = Recording.SEEN.get(0);
        assertEquals(EntityChanged.Operation.UPDATE, seen.operation());
        assertEquals("Article", seen.model());
        assertEquals("7", seen.id());
        assertNull(seen.entity());
        assertEquals(Map.of("id", new BigDecimal(7), "title", "x"), seen.fields());
        assertEquals(1, tracking.sink("c0").sent().size());
    }

    @Test
    void hereAPolicySeesTheEntityAndThePublicFields() {
        startA(Recording.class);
        tracking.open("c0");
        tracking.commit(entities -> entities.persist(new Article(2, "here")));

        EntityChanged seen = Recording.SEEN.get(0);
        assertEquals(2L, seen.id());
        assertEquals(Article.class, seen.entity().getClass());
        assertEquals(Map.of("id", new BigDecimal(2), "title", "here"), seen.fields());
    }

    @Test
    void theEventTheListenerFiresHasNoFieldsYet() {
        assertEquals(Map.of(), new EntityChanged(EntityChanged.Operation.CREATE, "Memo", 1, null).fields());
    }
}
