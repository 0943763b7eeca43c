package io.yoctopus.runtime.connection;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yoctopus.runtime.metrics.Metrics;
import io.yoctopus.runtime.testing.CapturedLog;
import io.yoctopus.runtime.testing.FakeSession;
import io.yoctopus.runtime.testing.FakeSession.Completion;
import io.yoctopus.runtime.testing.ManualScheduler;
import io.yoctopus.runtime.transport.SessionChannel;
import jakarta.websocket.CloseReason;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The outbox, through the Jakarta WebSocket channel, against a fake of the container's session and asynchronous
 * remote end (the boundary they talk to):
 * sends leave in order, one at a time, however they complete; a client that does not read is closed with 1008;
 * and a close goes in its documented steps, with the close deadline run by the test's own clock.
 */
class OutboxTest {

    private static final long CLOSE_TIMEOUT_MS = 5_000;
    private static final ByteBuffer PROBE = ByteBuffer.wrap("yoctopus:close".getBytes(StandardCharsets.US_ASCII));

    private final FakeSession session = new FakeSession("s-1");
    private final FakeSession.Remote remote = session.getAsyncRemote();
    private final ManualScheduler timers = new ManualScheduler();

    private Outbox outbox(int maxMessages, long maxChars) {
        return new Outbox(new SessionChannel(session), maxMessages, maxChars, timers, CLOSE_TIMEOUT_MS);
    }

    private Outbox outbox() {
        return outbox(100, 10_000);
    }

    private static String closeOf(CloseReason reason) {
        return reason.getCloseCode().getCode() + " " + reason.getReasonPhrase();
    }

    private List<String> closes() {
        return session.closes().stream().map(OutboxTest::closeOf).toList();
    }

    @Nested
    class Sending {

        @Test
        void messagesLeaveInOrderOneAtATimeEachAfterThePreviousCompleted() {
            Outbox outbox = outbox();
            outbox.send("a");
            outbox.send("b");
            outbox.send("c");
            assertEquals(List.of("a"), remote.texts(), "b and c wait for a");
            remote.complete();
            assertEquals(List.of("a", "b"), remote.texts());
            remote.complete();
            assertEquals(List.of("a", "b", "c"), remote.texts());
            remote.complete();
            assertEquals(0, remote.pending());
            assertEquals(1, remote.mostInFlight());
            outbox.send("d");
            assertEquals(List.of("a", "b", "c", "d"), remote.texts(), "an idle outbox sends at once");
        }

        @Test
        void sendsThatCompleteInsideSendTextAllLeaveAtOnce() {
            remote.complete(Completion.INLINE);
            Outbox outbox = outbox();
            outbox.send("a");
            outbox.send("b");
            assertEquals(List.of("a", "b"), remote.texts());
            remote.complete(Completion.LATE);
            outbox.send("c");
            outbox.send("d");
            assertEquals(List.of("a", "b", "c"), remote.texts(), "the outbox is free after inline completions");
        }

        @Test
        void aMessageSentWhileTheOneBeforeIsInTheContainerLeavesRightAfterItCompletesThereAtOnce() {
            Outbox outbox = outbox();
            AtomicBoolean first = new AtomicBoolean(true);
            remote.completeOn(completion -> {
                if (first.getAndSet(false)) {
                    outbox.send("b"); // "a" is in the container: "b" waits for it
                }
                completion.run();
            });
            outbox.send("a");
            assertEquals(List.of("a", "b"), remote.texts());
            assertEquals(1, remote.mostInFlight());
            assertEquals(0, outbox.queuedMessages());
        }

        @Test
        void messagesThatWaitedAllLeaveOnceTheOneInFlightCompletesWhenEachCompletesAtOnce() {
            Outbox outbox = outbox();
            outbox.send("a");
            outbox.send("b");
            outbox.send("c");
            remote.complete(Completion.INLINE);
            remote.complete(); // "a" has left: "b" and "c" follow, each completing inside sendText
            assertEquals(List.of("a", "b", "c"), remote.texts());
            assertEquals(0, outbox.queuedMessages());
            outbox.send("d");
            assertEquals(List.of("a", "b", "c", "d"), remote.texts());
        }

        @Test
        void aSendTheContainerRefusesDoesNotKeepTheOutboxBusy() {
            Outbox outbox = outbox();
            remote.failSends(new IllegalStateException("the session is closing"));
            outbox.send("refused");
            remote.failSends(null);
            outbox.send("b");
            assertEquals(List.of("b"), remote.texts());
        }

        @Test
        void aSendThatFailsLaterDoesNotStopTheOnesAfterIt() {
            Outbox outbox = outbox();
            outbox.send("a");
            outbox.send("b");
            remote.fail(new IOException("broken pipe"));
            assertEquals(List.of("a", "b"), remote.texts());
        }

        @Test
        void aFailedSendIsLoggedWithItsCauseForDiagnosisOnly() {
            try (CapturedLog log = CapturedLog.of(Outbox.class, Level.FINE)) {
                Outbox outbox = outbox();
                outbox.send("a");
                outbox.send("b");
                remote.complete();
                assertEquals(List.of(), log.records(), "a send that succeeded is not logged");
                IOException cause = new IOException("broken pipe");
                remote.fail(cause);
                assertEquals(1, log.records().size());
                assertEquals(Level.FINE, log.records().get(0).getLevel());
                assertSame(cause, log.records().get(0).getThrown());
            }
        }

        @Test
        void loneSurrogatesAreEscapedBeforeTheContainerSeesThem() {
            outbox().send("{\"data\":\"x\uD800\"}");
            assertEquals(List.of("{\"data\":\"x\\ud800\"}"), remote.texts());
        }

        @Test
        void sendersOnManyThreadsKeepTheirOrderAndOneSendIsInFlight() throws InterruptedException {
            ExecutorService container = Executors.newSingleThreadExecutor();
            try {
                remote.completeOn(container);
                Outbox outbox = outbox(10_000, 1_000_000);
                int senders = 4;
                int each = 250;
                List<Thread> threads = new ArrayList<>();
                for (int t = 0; t < senders; t++) {
                    String name = "t" + t;
                    Thread sender = new Thread(() -> IntStream.range(0, each).forEach(i -> outbox.send(name + ":" + i)));
                    sender.start();
                    threads.add(sender);
                }
                for (Thread thread : threads) {
                    thread.join(TimeUnit.SECONDS.toMillis(5));
                }
                await().atMost(Duration.ofSeconds(5)).until(() -> remote.texts().size() == senders * each);
                assertEquals(1, remote.mostInFlight());
                for (int t = 0; t < senders; t++) {
                    String prefix = "t" + t + ":";
                    List<String> ofSender = remote.texts().stream().filter(text -> text.startsWith(prefix)).toList();
                    assertEquals(IntStream.range(0, each).mapToObj(i -> prefix + i).toList(), ofSender);
                }
            } finally {
                container.shutdownNow();
            }
        }
    }

    @Nested
    class Bounds {

        private static final String FULL = "1008 outbound queue full: the client does not read";

        @Test
        void maxMessagesMayWaitTheOneInFlightIncludedOneMoreClosesWith1008() {
            Outbox outbox = outbox(3, 10_000);
            outbox.send("a");
            outbox.send("b");
            outbox.send("c");
            assertTrue(timers.pending().isEmpty(), "three messages fit");
            outbox.send("d");
            assertEquals(1, timers.pending().size(), "the close began");
            remote.complete();
            assertEquals(List.of("a"), remote.texts(), "what waited is dropped, the overflowing message never queued");
            assertEquals(List.of(PROBE), remote.pings());
            outbox.ponged(PROBE.duplicate());
            assertEquals(List.of(FULL), closes());
        }

        @Test
        void maxCharsMayWaitTogetherOneMoreClosesWith1008() {
            Outbox outbox = outbox(100, 10);
            outbox.send("12345");
            outbox.send("67890");
            assertTrue(timers.pending().isEmpty(), "ten characters fit");
            outbox.send("x");
            remote.complete();
            outbox.ponged(PROBE.duplicate());
            assertEquals(List.of("12345"), remote.texts());
            assertEquals(List.of(FULL), closes());
        }

        @Test
        void sentMessagesGiveTheirPlacesBack() {
            Outbox outbox = outbox(2, 5);
            for (int i = 0; i < 10; i++) {
                outbox.send("1234" + i);
                remote.complete();
            }
            assertEquals(10, remote.texts().size());
            assertTrue(timers.pending().isEmpty(), "never full");
            assertEquals(0, outbox.queuedMessages());
            assertEquals(0, outbox.queuedChars());
        }

        @Test
        void theMessageInFlightAndTheWaitingOnesCount() {
            Outbox outbox = outbox();
            outbox.send("abc");
            outbox.send("de");
            assertEquals(2, outbox.queuedMessages());
            assertEquals(5, outbox.queuedChars());
            remote.complete();
            assertEquals(1, outbox.queuedMessages());
            assertEquals(2, outbox.queuedChars());
        }

        @Test
        void refusedAndFailedSendsGiveTheirPlacesBack() {
            Outbox outbox = outbox(2, 5);
            remote.failSends(new IllegalStateException("closing"));
            for (int i = 0; i < 5; i++) {
                outbox.send("1234" + i);
            }
            remote.failSends(null);
            for (int i = 0; i < 5; i++) {
                outbox.send("abcd" + i);
                remote.fail(new IOException("gone"));
            }
            assertTrue(timers.pending().isEmpty(), "never full");
            assertEquals(List.of(), closes());
            assertEquals(0, outbox.queuedMessages());
            assertEquals(0, outbox.queuedChars());
        }

        @Test
        void aMessageCountsWithItsEscapes() {
            Outbox outbox = outbox(100, 7);
            outbox.send("\uD800");   // sent as six characters
            outbox.send("ab");
            assertEquals(1, timers.pending().size(), "6 + 2 characters are more than 7");
            assertEquals(1, outbox.queuedMessages(), "the overflowing message is not held");
            assertEquals(6, outbox.queuedChars());
        }

        @Test
        void afterTheOverflowNothingMoreIsQueuedOrClosedAgain() {
            Outbox outbox = outbox(1, 10_000);
            outbox.send("a");
            outbox.send("b");
            outbox.send("c");
            outbox.send("d");
            assertEquals(1, timers.scheduled().size(), "one close");
            remote.complete();
            assertEquals(List.of("a"), remote.texts());
        }
    }

    @Nested
    class Closing {

        @Test
        void theCloseDropsWhatWaitsWaitsForTheSendInFlightThenProbesAndClosesOnThePong() {
            Outbox outbox = outbox();
            outbox.send("a");
            outbox.send("b");
            outbox.send("c");
            outbox.close(4001, "bye");
            assertEquals(List.of(), remote.pings(), "a is still in flight");
            assertEquals(List.of(), closes());
            ManualScheduler.Task<?> deadline = timers.onlyPending();
            assertEquals(CLOSE_TIMEOUT_MS, deadline.delay(TimeUnit.MILLISECONDS));

            remote.complete();
            assertEquals(List.of("a"), remote.texts(), "b and c were dropped");
            assertEquals(0, outbox.queuedMessages(), "and let go");
            assertEquals(0, outbox.queuedChars());
            assertEquals(List.of(PROBE), remote.pings());
            assertEquals(List.of(), closes(), "the client has not confirmed yet");

            outbox.ponged(PROBE.duplicate());
            assertEquals(List.of("4001 bye"), closes());
            assertTrue(deadline.isCancelled(), "the deadline is no longer needed");
        }

        @Test
        void anIdleOutboxProbesAtOnce() {
            Outbox outbox = outbox();
            outbox.close(1000, "done");
            assertEquals(List.of(PROBE), remote.pings());
            outbox.ponged(PROBE.duplicate());
            assertEquals(List.of("1000 done"), closes());
        }

        @Test
        void aPongWithAnotherPayloadDoesNothing() {
            Outbox outbox = outbox();
            outbox.close(1000, "done");
            outbox.ponged(ByteBuffer.allocate(8));
            outbox.ponged(ByteBuffer.wrap("yoctopus:clos".getBytes(StandardCharsets.US_ASCII)));
            assertEquals(List.of(), closes());
            assertFalse(timers.onlyPending().isCancelled());
        }

        @Test
        void aPongOfTheProbeBeforeAnyCloseDoesNothing() {
            Outbox outbox = outbox();
            outbox.ponged(PROBE.duplicate());
            assertEquals(List.of(), closes());
            outbox.send("still open");
            assertEquals(List.of("still open"), remote.texts());
        }

        @Test
        void nothingIsSentOrPingedAfterTheCloseBegan() {
            Outbox outbox = outbox(1, 10_000);
            outbox.send("a");
            outbox.close(4001, "bye");
            outbox.send("b");
            outbox.send("c");
            outbox.ping(ByteBuffer.allocate(8));
            remote.complete();
            outbox.send("d");
            assertEquals(List.of("a"), remote.texts());
            assertEquals(List.of(PROBE), remote.pings(), "only the probe");
            assertEquals(1, timers.scheduled().size(), "sends after the close are no overflow");
            outbox.ponged(PROBE.duplicate());
            assertEquals(List.of("4001 bye"), closes());
        }

        @Test
        void giveUpClosesAnIdleOutboxAtOnceWithoutAProbe() {
            Outbox outbox = outbox();
            outbox.giveUp(1001, "ping timeout");
            assertEquals(List.of("1001 ping timeout"), closes());
            assertEquals(List.of(), remote.pings());
            assertTrue(timers.onlyScheduled().isCancelled());
        }

        @Test
        void giveUpWaitsForTheSendInFlightOnly() {
            Outbox outbox = outbox();
            outbox.send("a");
            outbox.send("b");
            outbox.giveUp(1001, "ping timeout");
            assertEquals(List.of(), closes());
            remote.complete();
            assertEquals(List.of("1001 ping timeout"), closes());
            assertEquals(List.of("a"), remote.texts());
            assertEquals(List.of(), remote.pings());
        }

        @Test
        void theCloseIsReportedAsItIsHandedToTheCloserWhichClosesTheSessionOnItsOwnThread() {
            List<String> reported = new ArrayList<>();
            List<Runnable> closer = new ArrayList<>();
            Outbox outbox = new Outbox(new SessionChannel(session), 100, 10_000, timers, CLOSE_TIMEOUT_MS, closer::add,
                    status -> reported.add(status.code() + " " + status.reason()), new Metrics());
            outbox.send("a");
            outbox.giveUp(1001, "ping timeout");
            assertEquals(List.of(), reported, "not before the send in flight has left");
            remote.complete();
            assertEquals(List.of("1001 ping timeout"), reported, "the connection is over for the application");
            assertEquals(List.of(), closes(), "the session is closed by the closer, not by the caller");
            assertEquals(1, closer.size());
            closer.get(0).run();
            assertEquals(List.of("1001 ping timeout"), closes());
            outbox.close(1000, "again");
            assertEquals(List.of("1001 ping timeout"), reported, "once");
            assertEquals(1, closer.size());
        }

        @Test
        void aCloserThatNoLongerRunsTasksLeavesTheCloseToTheCaller() {
            Outbox outbox = new Outbox(new SessionChannel(session), 100, 10_000, timers, CLOSE_TIMEOUT_MS, task -> {
                throw new java.util.concurrent.RejectedExecutionException("stopped");
            }, status -> { }, new Metrics());
            outbox.giveUp(1001, "server shutting down");
            assertEquals(List.of("1001 server shutting down"), closes());
        }

        @Test
        void theDeadlineClosesWhateverTheClientDoes() {
            Outbox outbox = outbox();
            outbox.send("never read");
            outbox.close(4001, "bye");
            timers.onlyPending().run();
            assertEquals(List.of("4001 bye"), closes());
            remote.complete();
            outbox.ponged(PROBE.duplicate());
            assertEquals(List.of("4001 bye"), closes(), "closed once");
        }

        @Test
        void theDeadlineOfAProbedClientThatDoesNotAnswerCloses() {
            Outbox outbox = outbox();
            outbox.close(4001, "bye");
            assertEquals(List.of(PROBE), remote.pings());
            timers.onlyPending().run();
            assertEquals(List.of("4001 bye"), closes());
        }

        @Test
        void onlyTheFirstCloseCounts() {
            Outbox outbox = outbox();
            outbox.send("a");
            outbox.close(4001, "first");
            outbox.close(4002, "second");
            outbox.giveUp(1001, "third");
            assertEquals(1, timers.scheduled().size());
            remote.complete();
            assertEquals(List.of(PROBE), remote.pings(), "the first close asked for the probe");
            outbox.ponged(PROBE.duplicate());
            assertEquals(List.of("4001 first"), closes());
        }

        @Test
        void aSessionTheClientClosedIsNeitherProbedNorClosedAgain() {
            Outbox outbox = outbox();
            session.drop();
            outbox.close(4001, "bye");
            assertEquals(List.of(), remote.pings());
            assertEquals(List.of(), closes());
            assertTrue(timers.onlyScheduled().isCancelled(), "done: nothing to wait for");
        }

        @Test
        void aProbeThatCannotBeSentClosesAtOnce() {
            remote.failPings(new IOException("gone"));
            outbox().close(4001, "bye");
            assertEquals(List.of("4001 bye"), closes());
        }

        @Test
        void aProbeRefusedByAClosingSessionClosesAtOnce() {
            remote.failPings(new IllegalStateException("closing"));
            outbox().close(4001, "bye");
            assertEquals(List.of("4001 bye"), closes());
        }

        @Test
        void whenTheTimersHaveStoppedTheCloseIsImmediate() {
            Outbox outbox = outbox();
            outbox.send("in flight");
            timers.shutdown();
            outbox.close(1001, "server shutting down");
            assertEquals(List.of("1001 server shutting down"), closes(), "no time to wait for the send in flight");
            assertEquals(List.of(), remote.pings());
        }

        @Test
        void aSessionThatFailsToCloseIsLeftAsItIs() {
            Outbox outbox = outbox();
            session.failClose(new IOException("already gone"));
            assertDoesNotThrow(() -> outbox.giveUp(1001, "ping timeout"));
            assertEquals(List.of(), closes());
            assertTrue(session.isOpen());
        }
    }

    @Nested
    class Pings {

        @Test
        void aPingGoesToTheClientWithItsPayload() {
            outbox().ping(ByteBuffer.wrap(new byte[] {1, 2, 3}));
            assertEquals(List.of(ByteBuffer.wrap(new byte[] {1, 2, 3})), remote.pings());
        }

        @Test
        void aPingThatCannotBeSentIsDropped() {
            Outbox outbox = outbox();
            remote.failPings(new IOException("gone"));
            assertDoesNotThrow(() -> outbox.ping(ByteBuffer.allocate(8)));
            remote.failPings(new IllegalStateException("closing"));
            assertDoesNotThrow(() -> outbox.ping(ByteBuffer.allocate(8)));
            remote.failPings(new IllegalArgumentException("too long"));
            assertDoesNotThrow(() -> outbox.ping(ByteBuffer.allocate(8)));
            assertEquals(List.of(), closes());
        }
    }
}
