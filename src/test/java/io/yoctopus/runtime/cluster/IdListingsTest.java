package io.yoctopus.runtime.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yoctopus.api.Connections.ClusterIds;
import io.yoctopus.runtime.testing.CapturedLog;
import io.yoctopus.runtime.testing.ManualScheduler;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/**
 * The listings under way: each completes once, when every member asked has answered or left, or at its deadline,
 * naming the members it did not hear from; a late answer is dropped; at most as many as it is given at once.
 */
class IdListingsTest {

    private final IdListings listings = new IdListings(16, 2000);
    private final ManualScheduler timer = new ManualScheduler();

    private CompletableFuture<ClusterIds> start(String correlation, String... asked) {
        return listings.start(correlation, Set.of("a1"), Set.of(asked), timer);
    }

    @Test
    void aListingCompletesWithEveryonesIdsWhenTheLastMemberAskedAnswers() {
        CompletableFuture<ClusterIds> listing = start("q1", "B", "C");
        assertEquals(1, listings.underWay());
        listings.answered("q1", "B", List.of("b1", "b2"));
        assertFalse(listing.isDone(), "C has not answered");
        listings.answered("q1", "C", List.of());
        assertEquals(new ClusterIds(Set.of("a1", "b1", "b2"), Set.of()), listing.getNow(null));
        assertEquals(0, listings.underWay(), "gone once complete");
    }

    @Test
    void anAnswerOfAMemberNotAskedOrASecondAnswerIsIgnored() {
        CompletableFuture<ClusterIds> listing = start("q1", "B", "C");
        listings.answered("q1", "D", List.of("d1"));
        listings.answered("q1", "B", List.of("b1"));
        listings.answered("q1", "B", List.of("b2"));
        assertFalse(listing.isDone());
        listings.answered("q1", "C", List.of("c1"));
        assertEquals(new ClusterIds(Set.of("a1", "b1", "c1"), Set.of()), listing.getNow(null));
    }

    @Test
    void atItsDeadlineAListingCompletesWithWhatItHasAndNamesTheSilentMembers() {
        CompletableFuture<ClusterIds> listing = start("q1", "B", "C");
        ManualScheduler.Task<?> deadline = timer.onlyScheduled();
        assertEquals(2000, deadline.delay(TimeUnit.MILLISECONDS));
        listings.answered("q1", "B", List.of("b1"));
        deadline.run();
        assertEquals(new ClusterIds(Set.of("a1", "b1"), Set.of("C")), listing.getNow(null));
        assertEquals(0, listings.underWay());

        try (CapturedLog log = CapturedLog.of(IdListings.class, Level.FINE)) {
            listings.answered("q1", "C", List.of("c1"));
            assertEquals(List.of("cluster: an answer of C to a listing not under way here (another member's, or past"
                    + " its deadline); dropped"), log.records().stream().map(LogRecord::getMessage).toList());
        }
        assertEquals(new ClusterIds(Set.of("a1", "b1"), Set.of("C")), listing.getNow(null), "the late answer changes"
                + " nothing");
    }

    @Test
    void theDeadlineOfAListingCompletedAlreadyChangesNothing() {
        CompletableFuture<ClusterIds> listing = start("q1", "B");
        listings.answered("q1", "B", List.of("b1"));
        CompletableFuture<ClusterIds> next = start("q2", "B");
        timer.scheduled().get(0).run();
        assertEquals(new ClusterIds(Set.of("a1", "b1"), Set.of()), listing.getNow(null));
        assertFalse(next.isDone(), "another listing's deadline");
        assertEquals(1, listings.underWay());
    }

    @Test
    void aListingStopsWaitingForMembersThatLeftAndNamesThemSilent() {
        CompletableFuture<ClusterIds> listing = start("q1", "B", "C", "D");
        listings.answered("q1", "B", List.of("b1"));
        listings.membersUp(Set.of("A", "B", "C", "D"));
        assertFalse(listing.isDone(), "everyone is still up");
        listings.membersUp(Set.of("A", "B", "C"));
        assertFalse(listing.isDone(), "C is up and has not answered");
        listings.answered("q1", "D", List.of("d1"));
        assertFalse(listing.isDone(), "D left: its answer is not waited for");
        listings.membersUp(Set.of("A", "B"));
        assertEquals(new ClusterIds(Set.of("a1", "b1"), Set.of("C", "D")), listing.getNow(null));
        assertEquals(0, listings.underWay());
    }

    @Test
    void atMostSixteenListingsAreUnderWayAndAnotherFailsAtOnce() throws InterruptedException {
        for (int i = 0; i < 16; i++) {
            assertFalse(start("q" + i, "B").isDone());
        }
        CompletableFuture<ClusterIds> refused = start("too-many", "B");
        assertTrue(refused.isCompletedExceptionally(), "failed at once");
        ExecutionException failure = assertThrows(ExecutionException.class, refused::get);
        assertEquals("16 cluster-wide listings of connections are under way already"
                + " (yoctopus.cluster.max-listings); try again later",
                failure.getCause().getMessage());
        assertEquals(16, listings.underWay());
        assertEquals(16, timer.scheduled().size(), "no deadline for the refused one");

        listings.answered("q0", "B", List.of());
        assertFalse(start("one-more", "B").isDone(), "room again once one completed");
    }
}
