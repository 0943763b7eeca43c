package io.yoctopus.runtime.connection;

import io.yoctopus.testing.RecordingSink;
import static io.yoctopus.runtime.connection.Liveness.Verdict.ALIVE;
import static io.yoctopus.runtime.connection.Liveness.Verdict.GIVE_UP;
import static io.yoctopus.runtime.connection.Liveness.Verdict.PING;
import static io.yoctopus.runtime.connection.Liveness.Verdict.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The liveness rules of one connection, check by check, as the heartbeat applies them. */
class LivenessTest {

    private static final long INTERVAL = 250;
    private static final long ALLOWED = 4 * INTERVAL;   // silent for four intervals at most
    private static final int MAX_PINGS = 4;

    private final Connection connection = new Connection("c", new RecordingSink());
    private final Liveness liveness = connection.liveness();

    @Test
    void theFirstCheckCountsTheOpeningAsHearingFromTheClient() {
        assertEquals(ALIVE, liveness.check(0, ALLOWED, MAX_PINGS));
        assertEquals(0, liveness.unansweredPings());
    }

    @Test
    void aSilentClientIsPingedAtEachCheckAndGivenUpOnceSilentForTheAllowedTime() {
        liveness.check(0, ALLOWED, MAX_PINGS);
        assertEquals(PING, liveness.check(INTERVAL, ALLOWED, MAX_PINGS));
        assertEquals(PING, liveness.check(2 * INTERVAL, ALLOWED, MAX_PINGS));
        assertEquals(PING, liveness.check(3 * INTERVAL, ALLOWED, MAX_PINGS));
        assertEquals(3, liveness.unansweredPings());
        assertEquals(PING, liveness.check(ALLOWED - 1, ALLOWED, MAX_PINGS), "one nanosecond short of the allowed silence");
        assertEquals(GIVE_UP, liveness.check(ALLOWED, ALLOWED, MAX_PINGS));
    }

    @Test
    void anAnswerMakesTheClientAliveAtTheNextCheckAndStartsItsSilenceAgain() {
        liveness.check(0, ALLOWED, MAX_PINGS);
        liveness.check(INTERVAL, ALLOWED, MAX_PINGS);
        liveness.check(2 * INTERVAL, ALLOWED, MAX_PINGS);
        connection.ponged(ByteBuffer.allocate(0));
        assertEquals(ALIVE, liveness.check(3 * INTERVAL, ALLOWED, MAX_PINGS));
        assertEquals(0, liveness.unansweredPings());
        assertEquals(PING, liveness.check(3 * INTERVAL + ALLOWED - 1, ALLOWED, MAX_PINGS));
        assertEquals(GIVE_UP, liveness.check(3 * INTERVAL + ALLOWED, ALLOWED, MAX_PINGS), "silent since the check that heard it");
    }

    @Test
    void anIdleClientAnsweringItsPingsIsPingedEveryOtherCheck() {
        int pings = 0;
        for (int check = 0; check < 20; check++) {
            if (liveness.check(check * INTERVAL, ALLOWED, MAX_PINGS) == PING) {
                pings++;
                connection.ponged(ByteBuffer.allocate(8));
            }
        }
        assertEquals(10, pings);
    }

    @Test
    void aClientThatKeepsSendingIsNeverPinged() {
        for (int check = 0; check < 20; check++) {
            connection.enqueue(1, () -> CompletableFuture.completedFuture(null));
            assertEquals(ALIVE, liveness.check(check * ALLOWED, ALLOWED, MAX_PINGS));
        }
    }

    @Test
    void aClientStreamingOneFragmentedMessageIsNeverPinged() {
        for (int check = 0; check < 20; check++) {
            connection.fragmentArrived();
            assertEquals(ALIVE, liveness.check(check * ALLOWED, ALLOWED, MAX_PINGS));
        }
    }

    @Test
    void aClientWhoseFrameIsBeingHandledIsAliveHoweverLongItTakes() {
        liveness.check(0, ALLOWED, MAX_PINGS);
        connection.enqueue(1, () -> {
            assertEquals(ALIVE, liveness.check(10 * ALLOWED, ALLOWED, MAX_PINGS), "the handler runs: its pongs wait behind it");
            assertEquals(ALIVE, liveness.check(20 * ALLOWED, ALLOWED, MAX_PINGS));
            return CompletableFuture.completedFuture(null);
        });
        assertEquals(ALIVE, liveness.check(21 * ALLOWED, ALLOWED, MAX_PINGS), "the frame itself was heard");
        assertEquals(PING, liveness.check(22 * ALLOWED - 1, ALLOWED, MAX_PINGS), "silent again once it was handled");
    }

    @Test
    void aSilentClientGetsNoMorePingsThanAllowedWhenTheSilenceAllowedGrows() {
        long longer = 3 * ALLOWED;   // as when pongs come back late from an overloaded server
        liveness.check(0, longer, MAX_PINGS);
        for (int ping = 1; ping <= MAX_PINGS; ping++) {
            assertEquals(PING, liveness.check(ping * INTERVAL, longer, MAX_PINGS), "ping " + ping);
        }
        assertEquals(MAX_PINGS, liveness.unansweredPings());
        assertEquals(WAIT, liveness.check((MAX_PINGS + 1) * INTERVAL, longer, MAX_PINGS), "more time, no more pings");
        assertEquals(WAIT, liveness.check(longer - 1, longer, MAX_PINGS));
        assertEquals(GIVE_UP, liveness.check(longer, longer, MAX_PINGS));
    }
}
