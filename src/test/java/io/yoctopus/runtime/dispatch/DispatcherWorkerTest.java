package io.yoctopus.runtime.dispatch;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yoctopus.api.Handles;
import io.yoctopus.api.HandlesBinary;
import io.yoctopus.api.NonBlocking;
import io.yoctopus.api.Plugin;
import io.yoctopus.runtime.catalogue.Catalogue;
import io.yoctopus.runtime.connection.Connection;
import io.yoctopus.runtime.connection.Quotas;
import io.yoctopus.runtime.metrics.Metrics;
import io.yoctopus.testing.HeldTasks;
import io.yoctopus.testing.RecordingSink;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A connection whose frames are read on a thread that must not block (it has a worker): a handler that may block
 * runs on the worker, everything after routing with it, and the request completes when the worker is done; a
 * {@code @NonBlocking} handler runs at once. The worker here runs its tasks only when the test says so, so that
 * "not yet" is a state the test can look at rather than a race.
 */
class DispatcherWorkerTest extends DispatcherFixture {

    @Plugin("work")
    public static class Work {
        final List<String> calls = new CopyOnWriteArrayList<>();

        @Handles(endpoint = "job", method = "read")
        public Map<String, String> slow() {
            calls.add("slow");
            return Map.of("ran", "slow");
        }

        @Handles(endpoint = "job", method = "update")
        @NonBlocking
        public Map<String, String> quick() {
            calls.add("quick");
            return Map.of("ran", "quick");
        }

        @HandlesBinary
        public void bytes(byte[] bytes) {
            calls.add("bytes " + bytes.length);
        }
    }

    @Plugin("nbbin")
    public static class QuickBinary {
        final List<String> calls = new CopyOnWriteArrayList<>();

        @HandlesBinary
        @NonBlocking
        public void bytes(byte[] bytes) {
            calls.add("bytes " + bytes.length);
        }
    }

    private final Work work = new Work();
    private final HeldTasks worker = new HeldTasks();
    private final Connection onEventLoop = new Connection("c-w", sink, null, Quotas.DEFAULTS, new Metrics(), worker);

    @BeforeEach
    void bind() {
        Catalogue catalogue = catalogue(work);
        dispatcher = new Dispatcher(() -> catalogue, JSON, VALIDATOR, RequestEvents.NONE, NO_MULTICAST);
    }

    private JsonObject answer() {
        return JSON.parse(next()).asJsonObject();
    }

    private static void awaitDone(CompletableFuture<Void> handled) {
        handled.orTimeout(WAIT_SECONDS, TimeUnit.SECONDS).join();
    }

    @Test
    void aHandlerThatMayBlockRunsOnTheWorkerAndTheRequestCompletesWhenItHasAnswered() {
        CompletableFuture<Void> handled = dispatcher.handle(onEventLoop, frame("1", "work:job", "read", null));

        assertFalse(handled.isDone(), "handed off: not done on the reading thread");
        assertEquals(List.of(), work.calls, "the handler did not run on the reading thread");
        assertEquals(List.of(), sink.sent());
        assertEquals(1, worker.waiting());

        worker.runAll();
        assertTrue(handled.isDone());
        assertEquals(List.of("slow"), work.calls);
        JsonObject answer = answer();
        assertEquals(json("{\"ran\":\"slow\"}"), data(answer));
        assertEquals(text("1"), answer.getJsonObject("meta").get("id"));
    }

    @Test
    void aNonBlockingHandlerIsAnsweredOnTheReadingThreadWithoutTheWorker() {
        CompletableFuture<Void> handled = dispatcher.handle(onEventLoop, frame("1", "work:job", "update", null));

        assertTrue(handled.isDone());
        assertEquals(List.of("quick"), work.calls);
        assertEquals(json("{\"ran\":\"quick\"}"), data(answer()));
        assertEquals(0, worker.waiting(), "nothing handed to the worker");
    }

    @Test
    void withoutAWorkerEveryHandlerRunsOnTheReadingThread() {
        awaitDone(dispatcher.handle(connection, frame("1", "work:job", "read", null)));
        assertEquals(List.of("slow"), work.calls);
        assertEquals(json("{\"ran\":\"slow\"}"), data(answer()));
    }

    @Test
    void aWorkerThatTakesNoMoreTasksGetsTheRequestAnsweredWithAnInternalErrorAtOnce() {
        worker.stop();
        List<CompletableFuture<Void>> handled = new CopyOnWriteArrayList<>();
        quietly(() -> handled.add(dispatcher.handle(onEventLoop, frame("7", "work:job", "read", null))));

        assertTrue(handled.get(0).isDone());
        assertEquals(List.of(), work.calls, "never called");
        JsonObject error = answer();
        assertEquals(text("7"), error.getJsonObject("meta").get("id"));
        assertEquals(text("internal error"), error(error));
    }

    @Test
    void aBinaryHandlerThatMayBlockRunsOnTheWorker() {
        CompletableFuture<Void> handled = dispatcher.handleBinary(onEventLoop, new byte[3]);

        assertFalse(handled.isDone());
        assertEquals(List.of(), work.calls);
        worker.runAll();
        assertTrue(handled.isDone());
        assertEquals(List.of("bytes 3"), work.calls);
    }

    @Test
    void aNonBlockingBinaryHandlerRunsOnTheReadingThread() {
        QuickBinary quick = new QuickBinary();
        Catalogue catalogue = catalogue(quick);
        dispatcher = new Dispatcher(() -> catalogue, JSON, VALIDATOR, RequestEvents.NONE, NO_MULTICAST);

        CompletableFuture<Void> handled = dispatcher.handleBinary(onEventLoop, new byte[2]);

        assertTrue(handled.isDone());
        assertEquals(List.of("bytes 2"), quick.calls);
        assertEquals(0, worker.waiting());
    }

    @Test
    void aConnectionsNextRequestWaitsForTheWorkerToAnswerTheOneBefore() {
        enqueue(onEventLoop, frame("1", "work:job", "read", null));
        enqueue(onEventLoop, frame("2", "work:job", "update", null));

        assertEquals(List.of(), work.calls, "the quick one waits behind the handed-off one");
        worker.runAll();
        await().atMost(RecordingSink.WAIT).until(() -> work.calls.size() == 2);
        assertEquals(List.of("slow", "quick"), work.calls);
        assertEquals(text("1"), answer().getJsonObject("meta").get("id"));
        assertEquals(text("2"), answer().getJsonObject("meta").get("id"));
    }

    @Test
    void theSameWorkerIsAskedForEveryHandOffOfTheConnection() {
        dispatcher.handle(onEventLoop, frame("1", "work:job", "read", null));
        dispatcher.handle(onEventLoop, frame("2", "work:job", "read", null));
        assertEquals(2, worker.waiting());
    }
}
