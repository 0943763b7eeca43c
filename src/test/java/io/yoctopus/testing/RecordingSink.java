package io.yoctopus.testing;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.yoctopus.runtime.connection.MessageSink;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A connection's outgoing channel for unit tests: every text, ping and close lands in a blocking queue of
 * its own, in the order it was handed over and as the very instance handed over, for the test thread to
 * take ({@code next*}) or look at ({@code sent()}, {@code closes()}); and every call is also logged as text,
 * in order ({@link #calls()}: {@code "send <text>"}, {@code "ping <bytes>"}, {@code "ponged <bytes>"},
 * {@code "close <code> <reason>"}, {@code "giveUp <code> <reason>"}). Pings can be made to fail, as on a
 * connection that broke. Thread-safe: handlers may send from any thread.
 */
public final class RecordingSink implements MessageSink {

    /** How long {@code next*} waits by default: long enough for a loaded machine, short for a failing test. */
    public static final Duration WAIT = Duration.ofSeconds(10);

    /**
     * How long {@link #assertNothingSent()} watches for a message that must not come. Only an asynchronous
     * sender can be caught this way, and only one that is slower than this by no more than the scheduling
     * delays of a loaded machine: a quarter of a second is far beyond those, and keeps a test fast.
     */
    public static final Duration QUIET = Duration.ofMillis(250);

    /** A close handed to the sink: by {@link #close} (gaveUp false) or by {@link #giveUp} (gaveUp true). */
    public record Close(int code, String reason, boolean gaveUp) {
    }

    private final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
    private final BlockingQueue<ByteBuffer> pings = new LinkedBlockingQueue<>();
    private final BlockingQueue<Close> closes = new LinkedBlockingQueue<>();
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private volatile RuntimeException pingFailure;
    private volatile Consumer<Close> reaction = close -> { };

    @Override
    public void send(String text) {
        calls.add("send " + text);
        texts.add(text);
    }

    /** Keeps a copy of the payload: the caller may reuse its buffer. */
    @Override
    public void ping(ByteBuffer payload) {
        RuntimeException failure = pingFailure;
        if (failure != null) {
            throw failure;
        }
        ByteBuffer copy = ByteBuffer.allocate(payload.remaining());
        copy.put(payload.duplicate()).flip();
        calls.add("ping " + copy.remaining());
        pings.add(copy);
    }

    @Override
    public void ponged(ByteBuffer payload) {
        calls.add("ponged " + payload.remaining());
    }

    @Override
    public void close(int code, String reason) {
        calls.add("close " + code + " " + reason);
        closed(new Close(code, reason, false));
    }

    @Override
    public void giveUp(int code, String reason) {
        calls.add("giveUp " + code + " " + reason);
        closed(new Close(code, reason, true));
    }

    private void closed(Close close) {
        closes.add(close);
        reaction.accept(close);
    }

    /** What the transport does once a close is handed over (the client's echo, say): called after recording it. */
    public RecordingSink whenClosed(Consumer<Close> then) {
        reaction = then;
        return this;
    }

    /** Every call made on the sink, as text, in order (taking from the queues does not change it). */
    public List<String> calls() {
        return calls;
    }

    /** {@link #ping} throws this from now on. */
    public void failPings(RuntimeException failure) {
        pingFailure = failure;
    }

    /** Takes the next text sent, waiting up to {@link #WAIT}; fails the test when none comes. */
    public String next() {
        return next(WAIT);
    }

    /** Takes the next text sent, waiting up to {@code timeout}; fails the test when none comes. */
    public String next(Duration timeout) {
        return take(texts, timeout, "no message was sent");
    }

    /** Takes the next ping's payload, waiting up to {@code timeout}; fails the test when none comes. */
    public ByteBuffer nextPing(Duration timeout) {
        return take(pings, timeout, "no ping was sent");
    }

    /** Takes the next close, waiting up to {@code timeout}; fails the test when none comes. */
    public Close nextClose(Duration timeout) {
        return take(closes, timeout, "the connection was not closed");
    }

    /** The texts sent and not taken yet, oldest first, without taking them. */
    public List<String> sent() {
        return List.copyOf(texts);
    }

    /** The closes not taken yet, oldest first, without taking them. */
    public List<Close> closes() {
        return List.copyOf(closes);
    }

    /** The pings not taken yet, oldest first, without taking them. */
    public List<ByteBuffer> pings() {
        return List.copyOf(pings);
    }

    /** Fails unless no text is waiting and none arrives within {@link #QUIET}. */
    public void assertNothingSent() {
        assertNothingSent(QUIET);
    }

    /**
     * Fails unless no text is waiting and none arrives within {@code quiet}: a bounded wait, so that a text
     * sent a moment late by another thread is caught rather than missed by looking too early.
     */
    public void assertNothingSent(Duration quiet) {
        try {
            String late = texts.poll(quiet.toNanos(), TimeUnit.NANOSECONDS);
            assertNull(late, "nothing should have been sent");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static <T> T take(BlockingQueue<T> queue, Duration timeout, String none) {
        try {
            T item = queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
            assertNotNull(item, none + " within " + timeout);
            return item;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
