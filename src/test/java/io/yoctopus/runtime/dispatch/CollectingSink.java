package io.yoctopus.runtime.dispatch;

import io.yoctopus.runtime.connection.MessageSink;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

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
}
