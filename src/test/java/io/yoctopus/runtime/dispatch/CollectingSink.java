package io.yoctopus.runtime.dispatch;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.yoctopus.runtime.connection.MessageSink;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A connection's outgoing channel for the dispatcher tests: every text, and a close as
 * {@code "closed <code> <reason>"}, lands in a queue the test thread reads.
 */
final class CollectingSink implements MessageSink {

    final BlockingQueue<String> sent = new LinkedBlockingQueue<>();

    @Override
    public void send(String text) {
        sent.add(text);
    }

    @Override
    public void close(int code, String reason) {
        sent.add("closed " + code + " " + reason);
    }

    /** The next message sent; fails the test when none comes within {@code seconds}. */
    String next(long seconds) {
        try {
            String message = sent.poll(seconds, TimeUnit.SECONDS);
            assertNotNull(message, "no message was sent");
            return message;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
