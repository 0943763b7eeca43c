package io.yoctopus.runtime.connection;

import static io.yoctopus.runtime.connection.Liveness.Verdict.ALIVE;
import static io.yoctopus.runtime.connection.Liveness.Verdict.PING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yoctopus.testing.RecordingSink;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** One connection: what it hands its sink, the close it remembers, its request queue, rate limit and quotas. */
class ConnectionTest {

    private final RecordingSink sink = new RecordingSink();
    private final Connection connection = new Connection("c-1", sink);

    @Test
    void sendsPingsAndPongsGoToTheSink() {
        connection.send("hello");
        connection.ping(ByteBuffer.allocate(8));
        connection.ponged(ByteBuffer.allocate(3));
        assertEquals(List.of("send hello", "ping 8", "ponged 3"), sink.calls());
        assertEquals("c-1", connection.id());
    }

    @Test
    void theFirstCloseFromTheServerIsRemembered() {
        assertNull(connection.serverClose());
        connection.close(4001, "bye");
        connection.giveUp(1001, "ping timeout");
        connection.close(4002, "again");
        assertEquals(new Connection.CloseStatus(4001, "bye"), connection.serverClose());
        assertEquals(List.of("close 4001 bye", "giveUp 1001 ping timeout", "close 4002 again"), sink.calls(),
                "each close still reaches the sink, which keeps the first");
    }

    @Test
    void aGiveUpIsRememberedAsTheServersClose() {
        connection.giveUp(1001, "ping timeout");
        assertEquals(new Connection.CloseStatus(1001, "ping timeout"), connection.serverClose());
        assertEquals(List.of("giveUp 1001 ping timeout"), sink.calls());
    }

    @Test
    void aNullReasonIsRememberedAsEmpty() {
        connection.close(1000, null);
        assertEquals(new Connection.CloseStatus(1000, ""), connection.serverClose());
        Connection other = new Connection("c-2", sink);
        other.giveUp(1001, null);
        assertEquals(new Connection.CloseStatus(1001, ""), other.serverClose());
    }

    @Test
    void aSinkWithoutItsOwnGiveUpCloses() {
        List<String> closes = new ArrayList<>();
        MessageSink plain = new MessageSink() {
            @Override
            public void send(String text) {
            }

            @Override
            public void close(int code, String reason) {
                closes.add(code + " " + reason);
            }
        };
        plain.giveUp(1001, "ping timeout");
        plain.ping(ByteBuffer.allocate(1));
        plain.ponged(ByteBuffer.allocate(1));
        assertEquals(List.of("1001 ping timeout"), closes);
    }

    @Test
    void itIsMarkedClosedOnce() {
        assertFalse(connection.isClosed());
        assertTrue(connection.markClosed());
        assertTrue(connection.isClosed());
        assertFalse(connection.markClosed());
        assertTrue(connection.isClosed());
    }

    @Test
    void withoutARateLimitEveryRequestIsAdmitted() {
        for (int i = 0; i < 1_000; i++) {
            assertTrue(connection.admitRequest());
        }
    }

    @Test
    void aRateLimitAdmitsItsBurstAtOnce() {
        Connection limited = new Connection("c-2", sink, new RateLimiter(1, 3, System.nanoTime()), Quotas.DEFAULTS);
        assertTrue(limited.admitRequest());
        assertTrue(limited.admitRequest());
        assertTrue(limited.admitRequest());
        assertFalse(limited.admitRequest(), "a fourth within the same second");
    }

    @Test
    void requestsRunOneAfterAnotherInOrder() {
        List<String> ran = new ArrayList<>();
        CompletableFuture<Void> first = new CompletableFuture<>();
        connection.enqueue(1, () -> {
            ran.add("first");
            return first;
        });
        connection.enqueue(1, () -> {
            ran.add("second");
            return CompletableFuture.completedFuture(null);
        });
        assertEquals(List.of("first"), ran, "the second waits for the first to complete");
        assertFalse(connection.drained().isDone());
        first.complete(null);
        assertEquals(List.of("first", "second"), ran);
        assertTrue(connection.drained().isDone());
    }

    @Test
    void aPendingRequestHoldsItsPlaceUntilAnswered() {
        CompletableFuture<Void> running = new CompletableFuture<>();
        assertEquals(Optional.empty(), connection.enqueue(10, () -> running));
        assertEquals(1, connection.quotas().pendingRequests());
        assertEquals(10, connection.quotas().pendingChars());
        running.complete(null);
        assertEquals(0, connection.quotas().pendingRequests());
        assertEquals(0, connection.quotas().pendingChars());
        assertEquals(Optional.empty(), connection.enqueue(7, () -> CompletableFuture.completedFuture(null)));
        assertEquals(0, connection.quotas().pendingRequests(), "answered at once");
        assertEquals(0, connection.quotas().pendingChars());
    }

    @Test
    void aRequestPastTheQuotaIsRefusedWithTheQuotasErrorAndNotRun() {
        Connection small = new Connection("c-2", sink, null, new Quotas(10, 100, 1, 100));
        CompletableFuture<Void> running = new CompletableFuture<>();
        small.enqueue(1, () -> running);
        List<String> ran = new ArrayList<>();
        Optional<String> refused = small.enqueue(1, () -> {
            ran.add("refused one");
            return CompletableFuture.completedFuture(null);
        });
        assertEquals(Optional.of(new Quotas(10, 100, 1, 100).pendingRequestsExceeded()), refused);
        running.complete(null);
        assertEquals(List.of(), ran);
        assertTrue(small.drained().isDone(), "the refused request is not waited for");
    }

    @Test
    void aRefusedRequestStillShowsTheClientAlive() {
        Connection small = new Connection("c-2", sink, null, new Quotas(10, 100, 1, 100));
        small.enqueue(1, CompletableFuture::new);   // never answered
        assertEquals(ALIVE, small.liveness().check(0, 100, 4));
        assertEquals(PING, small.liveness().check(50, 100, 4), "silent since");
        small.enqueue(1, () -> CompletableFuture.completedFuture(null));
        assertEquals(ALIVE, small.liveness().check(60, 100, 4), "the refused frame was heard");
    }

    @Test
    void aFragmentShowsTheClientAlive() {
        connection.liveness().check(0, 100, 4);
        connection.fragmentArrived();
        assertEquals(ALIVE, connection.liveness().check(50, 100, 4));
    }

    @Test
    void itsSettingsAndQuotasAreItsOwn() {
        Connection other = new Connection("c-2", sink);
        assertSame(connection.settings(), connection.settings());
        assertFalse(connection.settings() == other.settings());
        assertSame(connection.quotas(), connection.quotas());
        assertSame(connection.liveness(), connection.liveness());
    }
}
