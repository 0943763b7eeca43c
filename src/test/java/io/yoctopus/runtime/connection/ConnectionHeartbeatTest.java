package io.yoctopus.runtime.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The liveness rules of one connection, beat by beat, as the shared heartbeat applies them. */
class ConnectionHeartbeatTest {

    private static final int MAX_LOST = 3;

    /** Counts pings; a connection's other traffic is not what these tests look at. */
    static final class PingCounter implements MessageSink {
        int pings;

        @Override
        public void send(String text) {
        }

        @Override
        public void ping() {
            pings++;
        }

        @Override
        public void close(int code, String reason) {
        }
    }

    private final PingCounter sink = new PingCounter();
    private final Connection connection = new Connection("c", sink);

    @Test
    void aSilentClientIsPingedMaxLostPlusOneTimesAndThenGivenUp() {
        for (int beat = 1; beat <= MAX_LOST + 1; beat++) {
            assertTrue(connection.heartbeat(MAX_LOST), "beat " + beat);
        }
        assertEquals(MAX_LOST + 1, sink.pings);
        assertFalse(connection.heartbeat(MAX_LOST), "given up after " + (MAX_LOST + 1) + " unanswered pings");
        assertEquals(MAX_LOST + 1, sink.pings, "no ping once given up");
    }

    @Test
    void aClientThatKeepsSendingIsNeverPingedNorGivenUp() {
        for (int beat = 0; beat < 20; beat++) {
            assertEquals(Optional.empty(), connection.enqueue(1, () -> CompletableFuture.completedFuture(null)));
            assertTrue(connection.heartbeat(MAX_LOST));
        }
        assertEquals(0, sink.pings);
    }

    @Test
    void aClientStreamingOneFragmentedMessageIsNotGivenUp() {
        for (int beat = 0; beat < 20; beat++) {
            connection.fragmentArrived();
            assertTrue(connection.heartbeat(MAX_LOST));
        }
        assertEquals(0, sink.pings);
    }

    @Test
    void anIdleClientAnsweringItsPingsIsPingedEveryOtherBeat() {
        for (int beat = 0; beat < 20; beat++) {
            int before = sink.pings;
            assertTrue(connection.heartbeat(MAX_LOST));
            if (sink.pings > before) {
                connection.ponged();
            }
        }
        assertEquals(10, sink.pings);
    }

    @Test
    void anAnswerAfterLostPingsStartsTheCountAgain() {
        for (int beat = 0; beat < MAX_LOST; beat++) {
            connection.heartbeat(MAX_LOST);
        }
        connection.ponged();
        assertTrue(connection.heartbeat(MAX_LOST), "the answer counts at the next beat, without a ping");
        int pingsBefore = sink.pings;
        for (int beat = 1; beat <= MAX_LOST + 1; beat++) {
            assertTrue(connection.heartbeat(MAX_LOST), "beat " + beat + " after the answer");
        }
        assertEquals(pingsBefore + MAX_LOST + 1, sink.pings);
        assertFalse(connection.heartbeat(MAX_LOST));
    }
}
