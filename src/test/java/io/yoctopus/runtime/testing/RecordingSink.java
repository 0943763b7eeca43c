package io.yoctopus.runtime.testing;

import io.yoctopus.runtime.connection.MessageSink;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A connection's outgoing channel that records every call made on it, as text: {@code "send <text>"},
 * {@code "ping <bytes>"}, {@code "ponged <bytes>"}, {@code "close <code> <reason>"}, {@code "giveUp <code> <reason>"}.
 * Pings can be made to fail, as on a connection that broke.
 */
public class RecordingSink implements MessageSink {

    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final List<ByteBuffer> pings = new CopyOnWriteArrayList<>();
    private volatile RuntimeException pingFailure;

    public List<String> calls() {
        return calls;
    }

    /** The payloads pinged, in order. */
    public List<ByteBuffer> pings() {
        return pings;
    }

    /** {@link #ping} throws this from now on. */
    public void failPings(RuntimeException failure) {
        pingFailure = failure;
    }

    @Override
    public void send(String text) {
        calls.add("send " + text);
    }

    @Override
    public void ping(ByteBuffer payload) {
        RuntimeException failure = pingFailure;
        if (failure != null) {
            throw failure;
        }
        pings.add(payload);
        calls.add("ping " + payload.remaining());
    }

    @Override
    public void ponged(ByteBuffer payload) {
        calls.add("ponged " + payload.remaining());
    }

    @Override
    public void close(int code, String reason) {
        calls.add("close " + code + " " + reason);
    }

    @Override
    public void giveUp(int code, String reason) {
        calls.add("giveUp " + code + " " + reason);
    }
}
