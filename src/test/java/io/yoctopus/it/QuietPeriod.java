package io.yoctopus.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * The "nothing (more) arrives" checks of the integration tests: each one watches for {@link #LENGTH}, the same
 * interval everywhere, and none can pass before that interval is over (a check right after a request would
 * otherwise pass by luck, before a message sent by mistake had time to arrive).
 */
public final class QuietPeriod {

    /**
     * How long a "nothing (more) arrives" check watches. A message sent by mistake would be on its way before
     * the check begins: the server queues a notification while it handles the request whose answer the test has
     * just read (multicast, the api catalogue, a change announced at commit), and records an event as it
     * happens. What can hold such a message back is a thread that is not scheduled, and on a machine whose two
     * cores are shared by several builds' integration tests that has reached a second (a client missing four
     * pings of 250 ms in a row, see {@code EventsIT}'s deployment). Half as long again as that; there are some
     * twenty such checks, so it costs about half a minute in all.
     */
    public static final Duration LENGTH = Duration.ofMillis(1500);

    /** How often {@link #unchanged} reads what it watches. */
    private static final Duration POLL = Duration.ofMillis(100);

    /** How long {@link #unchanged} may take past {@link #LENGTH}: its reads are requests to a loaded server. */
    private static final Duration SLACK = WireClient.TIMEOUT;

    private QuietPeriod() {
    }

    /**
     * Fails the test if any of the clients receives a text message within {@link #LENGTH} from now, or holds one
     * not yet taken. The clients are watched over the same interval, together.
     */
    public static void assertNoMessage(WireClient... clients) {
        long end = System.nanoTime() + LENGTH.toNanos();
        for (WireClient client : clients) {
            client.assertNoMessageBefore(end);
        }
    }

    /**
     * Reads {@code read} every {@link #POLL} for {@link #LENGTH} and fails the test unless every read equals
     * {@code seen}: a server-side record that must not grow any more, say. (A record that grows never shrinks
     * back, so Awaitility's {@code during}, which starts over after a read that differs, then times out.)
     */
    public static <T> void unchanged(String what, Callable<T> read, T seen) {
        await(what).during(LENGTH).atMost(LENGTH.plus(SLACK)).pollInterval(POLL)
                .untilAsserted(() -> assertEquals(seen, read.call(), what));
    }
}
