package io.yoctopus.runtime.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yoctopus.api.events.ConnectionClosed;
import io.yoctopus.runtime.json.JsonCodec;
import io.yoctopus.testing.RecordingSink;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A close that races a running request: the connection stays registered until the request completes, so
 * every report of its end (the transport's close, an error, the heartbeat giving up, the shutdown) finds it
 * still open, and only the first may fire its {@link ConnectionClosed} event.
 */
class ConnectionRegistryCloseRaceTest {

    private static final JsonCodec JSON = new JsonCodec();

    @AfterAll
    static void close() {
        JSON.close();
    }

    private final List<ConnectionClosed> closed = new CopyOnWriteArrayList<>();
    private final ConnectionRegistry registry = new ConnectionRegistry(JSON, closed::add);

    /** A registered connection whose one request runs until {@code running} completes. */
    private Connection busy(String id, CompletableFuture<Void> running) {
        Connection connection = new Connection(id, new RecordingSink());
        registry.add(connection);
        assertEquals(Optional.empty(), connection.enqueue(1, () -> running));
        return connection;
    }

    @Test
    void closesReportedWhileARequestRunsFireTheClosedEventOnceWithTheFirstStatus() {
        CompletableFuture<Void> running = new CompletableFuture<>();
        Connection a = busy("a", running);

        registry.closed(a, 1006, "transport error");
        registry.closed(a, 1000, "client closed");
        registry.closed(a, 1001, "going away");
        assertEquals(List.of(), closed, "the request is still running");
        assertEquals(Set.of("a"), registry.ids());

        running.complete(null);
        assertEquals(List.of(new ConnectionClosed("a", Map.of(), 1006, "transport error")), closed);
        assertTrue(registry.ids().isEmpty());
    }

    /** Two threads report the end of the same busy connection at once, many times over. */
    @Test
    void concurrentClosesOfABusyConnectionFireItsEventOnce() throws Exception {
        ExecutorService closers = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 200; round++) {
                CompletableFuture<Void> running = new CompletableFuture<>();
                Connection connection = busy("r" + round, running);
                CountDownLatch start = new CountDownLatch(1);
                Future<?> first = closers.submit(() -> awaitThenClose(start, connection, 1000));
                Future<?> second = closers.submit(() -> awaitThenClose(start, connection, 1006));
                start.countDown();
                first.get(10, TimeUnit.SECONDS);
                second.get(10, TimeUnit.SECONDS);
                running.complete(null);
                assertEquals(round + 1, closed.size(), "round " + round);
                assertEquals(connection.id(), closed.get(round).connectionId());
            }
        } finally {
            closers.shutdownNow();
        }
    }

    private Void awaitThenClose(CountDownLatch start, Connection connection, int code) throws InterruptedException {
        start.await();
        registry.closed(connection, code, "");
        return null;
    }
}
