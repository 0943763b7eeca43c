package io.yoctopus.runtime.connection;

import io.yoctopus.testing.RecordingSink;
import static io.yoctopus.runtime.connection.Liveness.Verdict.ALIVE;
import static io.yoctopus.runtime.connection.Liveness.Verdict.GIVE_UP;
import static io.yoctopus.runtime.connection.Liveness.Verdict.PING;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The liveness rules of one connection, check by check, as the heartbeat applies them. */
class LivenessTest {

    private static final long INTERVAL = 250;
    private static final long ALLOWED = 4 * INTERVAL;   // three lost pings: silent for four intervals at most

    private final Connection connection = new Connection("c", new RecordingSink());
    private final Liveness liveness = connection.liveness();

    @Test
    void theFirstCheckCountsTheOpeningAsHearingFromTheClient() {
        assertEquals(ALIVE, liveness.check(0, ALLOWED));
        assertEquals(0, liveness.unansweredPings());
    }

    @Test
    void aSilentClientIsPingedAtEachCheckAndGivenUpOnceSilentForTheAllowedTime() {
        liveness.check(0, ALLOWED);
        assertEquals(PING, liveness.check(INTERVAL, ALLOWED));
        assertEquals(PING, liveness.check(2 * INTERVAL, ALLOWED));
        assertEquals(PING, liveness.check(3 * INTERVAL, ALLOWED));
        assertEquals(3, liveness.unansweredPings());
        assertEquals(PING, liveness.check(ALLOWED - 1, ALLOWED), "one nanosecond short of the allowed silence");
        assertEquals(GIVE_UP, liveness.check(ALLOWED, ALLOWED));
    }

    @Test
    void anAnswerMakesTheClientAliveAtTheNextCheckAndStartsItsSilenceAgain() {
        liveness.check(0, ALLOWED);
        liveness.check(INTERVAL, ALLOWED);
        liveness.check(2 * INTERVAL, ALLOWED);
        connection.ponged(ByteBuffer.allocate(0));
        assertEquals(ALIVE, liveness.check(3 * INTERVAL, ALLOWED));
        assertEquals(0, liveness.unansweredPings());
        assertEquals(PING, liveness.check(3 * INTERVAL + ALLOWED - 1, ALLOWED));
        assertEquals(GIVE_UP, liveness.check(3 * INTERVAL + ALLOWED, ALLOWED), "silent since the check that heard it");
    }

    @Test
    void anIdleClientAnsweringItsPingsIsPingedEveryOtherCheck() {
        int pings = 0;
        for (int check = 0; check < 20; check++) {
            if (liveness.check(check * INTERVAL, ALLOWED) == PING) {
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
            assertEquals(ALIVE, liveness.check(check * ALLOWED, ALLOWED));
        }
    }

    @Test
    void aClientStreamingOneFragmentedMessageIsNeverPinged() {
        for (int check = 0; check < 20; check++) {
            connection.fragmentArrived();
            assertEquals(ALIVE, liveness.check(check * ALLOWED, ALLOWED));
        }
    }

    @Test
    void aClientWhoseFrameIsBeingHandledIsAliveHoweverLongItTakes() {
        liveness.check(0, ALLOWED);
        connection.enqueue(1, () -> {
            assertEquals(ALIVE, liveness.check(10 * ALLOWED, ALLOWED), "the handler runs: its pongs wait behind it");
            assertEquals(ALIVE, liveness.check(20 * ALLOWED, ALLOWED));
            return CompletableFuture.completedFuture(null);
        });
        assertEquals(ALIVE, liveness.check(21 * ALLOWED, ALLOWED), "the frame itself was heard");
        assertEquals(PING, liveness.check(22 * ALLOWED - 1, ALLOWED), "silent again once it was handled");
    }
}
