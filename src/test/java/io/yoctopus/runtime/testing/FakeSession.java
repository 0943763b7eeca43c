package io.yoctopus.runtime.testing;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Extension;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A WebSocket session as a container hands it to the application, without the container: the boundary the
 * framework's per-connection code talks to. What is sent, pinged and closed is recorded; each asynchronous send
 * completes when the test says (late), inside {@code sendText} (inline, as containers may do), or on another
 * thread. Only what the framework calls is implemented; anything else fails the test.
 */
public final class FakeSession implements Session {

    /** When a send handed to the container completes. */
    public enum Completion {
        /** When the test calls {@link Remote#complete}: the client reads slowly. */
        LATE,
        /** Inside {@code sendText}, before it returns. */
        INLINE,
        /** On the executor given to {@link Remote#completeOn}. */
        ELSEWHERE
    }

    private final String id;
    private final Remote remote = new Remote();
    private final Map<String, Object> userProperties = new ConcurrentHashMap<>();
    private final List<CloseReason> closes = new CopyOnWriteArrayList<>();
    private volatile boolean open = true;
    private volatile IOException closeFailure;
    private volatile boolean secure;
    private volatile URI requestUri = URI.create("ws://localhost/ws");

    public FakeSession(String id) {
        this.id = id;
    }

    /** The close reasons the application closed the session with, in order. */
    public List<CloseReason> closes() {
        return closes;
    }

    /** The client went away: the session is closed without the application closing it. */
    public void drop() {
        open = false;
    }

    /** The next {@link #close(CloseReason)} throws this (and leaves the session open). */
    public void failClose(IOException failure) {
        closeFailure = failure;
    }

    public FakeSession secure(boolean isSecure) {
        secure = isSecure;
        return this;
    }

    public FakeSession requestUri(URI uri) {
        requestUri = uri;
        return this;
    }

    @Override
    public Remote getAsyncRemote() {
        return remote;
    }

    @Override
    public String getId() {
        return id;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public boolean isSecure() {
        return secure;
    }

    @Override
    public URI getRequestURI() {
        return requestUri;
    }

    @Override
    public Map<String, Object> getUserProperties() {
        return userProperties;
    }

    @Override
    public void close(CloseReason reason) throws IOException {
        IOException failure = closeFailure;
        if (failure != null) {
            closeFailure = null;
            throw failure;
        }
        closes.add(reason);
        open = false;
    }

    @Override
    public void close() throws IOException {
        close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, ""));
    }

    /** The asynchronous remote end: where texts and pings go. */
    public final class Remote implements RemoteEndpoint.Async {

        /** One text handed to the container, and the handler to tell when it has left. */
        public record Send(String text, SendHandler handler) {
        }

        private final List<String> texts = new CopyOnWriteArrayList<>();
        private final BlockingQueue<Send> pending = new LinkedBlockingQueue<>();
        private final List<ByteBuffer> pings = new CopyOnWriteArrayList<>();
        private final AtomicInteger inFlight = new AtomicInteger();
        private final AtomicInteger mostInFlight = new AtomicInteger();
        private volatile Completion completion = Completion.LATE;
        private volatile Executor completer;
        private volatile RuntimeException sendFailure;
        private volatile Exception pingFailure;

        /** Every text handed to the container, in order. */
        public List<String> texts() {
            return texts;
        }

        /** The payloads of the pings sent, in order (copies). */
        public List<ByteBuffer> pings() {
            return pings;
        }

        /** Sends handed to the container and not completed yet (late completions only). */
        public int pending() {
            return pending.size();
        }

        /** The most sends that were ever in the container at once. */
        public int mostInFlight() {
            return mostInFlight.get();
        }

        public Remote complete(Completion when) {
            completion = when;
            return this;
        }

        /** Completes every later send on {@code executor}. */
        public Remote completeOn(Executor executor) {
            completer = executor;
            completion = Completion.ELSEWHERE;
            return this;
        }

        /** {@code sendText} throws this from now on (null: sends work again). */
        public void failSends(RuntimeException failure) {
            sendFailure = failure;
        }

        /** {@code sendPing} throws this from now on (an IOException or a RuntimeException). */
        public void failPings(Exception failure) {
            pingFailure = failure;
        }

        /** The oldest pending send has left: its handler is told so. */
        public void complete() {
            finish(next(), new SendResult());
        }

        /** The oldest pending send failed. */
        public void fail(Throwable failure) {
            finish(next(), new SendResult(failure));
        }

        private Send next() {
            Send send = pending.poll();
            if (send == null) {
                throw new AssertionError("no send is pending");
            }
            return send;
        }

        private void finish(Send send, SendResult result) {
            inFlight.decrementAndGet();
            send.handler().onResult(result);
        }

        @Override
        public void sendText(String text, SendHandler handler) {
            RuntimeException failure = sendFailure;
            if (failure != null) {
                throw failure;
            }
            texts.add(text);
            mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            Send send = new Send(text, handler);
            switch (completion) {
                case INLINE -> finish(send, new SendResult());
                case ELSEWHERE -> completer.execute(() -> finish(send, new SendResult()));
                case LATE -> pending.add(send);
            }
        }

        @Override
        public void sendPing(ByteBuffer payload) throws IOException {
            Exception failure = pingFailure;
            if (failure instanceof IOException io) {
                throw io;
            }
            if (failure instanceof RuntimeException runtime) {
                throw runtime;
            }
            ByteBuffer copy = ByteBuffer.allocate(payload.remaining());
            copy.put(payload.duplicate()).flip();
            pings.add(copy);
        }

        @Override
        public long getSendTimeout() {
            throw unexpected();
        }

        @Override
        public void setSendTimeout(long timeout) {
            throw unexpected();
        }

        @Override
        public Future<Void> sendText(String text) {
            throw unexpected();
        }

        @Override
        public Future<Void> sendBinary(ByteBuffer data) {
            throw unexpected();
        }

        @Override
        public void sendBinary(ByteBuffer data, SendHandler handler) {
            throw unexpected();
        }

        @Override
        public Future<Void> sendObject(Object data) {
            throw unexpected();
        }

        @Override
        public void sendObject(Object data, SendHandler handler) {
            throw unexpected();
        }

        @Override
        public void setBatchingAllowed(boolean allowed) {
            throw unexpected();
        }

        @Override
        public boolean getBatchingAllowed() {
            throw unexpected();
        }

        @Override
        public void flushBatch() {
            throw unexpected();
        }

        @Override
        public void sendPong(ByteBuffer payload) {
            throw unexpected();
        }
    }

    private static AssertionError unexpected() {
        return new AssertionError("the framework does not call this");
    }

    @Override
    public WebSocketContainer getContainer() {
        throw unexpected();
    }

    @Override
    public void addMessageHandler(MessageHandler handler) {
        throw unexpected();
    }

    @Override
    public <T> void addMessageHandler(Class<T> type, MessageHandler.Whole<T> handler) {
        throw unexpected();
    }

    @Override
    public <T> void addMessageHandler(Class<T> type, MessageHandler.Partial<T> handler) {
        throw unexpected();
    }

    @Override
    public Set<MessageHandler> getMessageHandlers() {
        throw unexpected();
    }

    @Override
    public void removeMessageHandler(MessageHandler handler) {
        throw unexpected();
    }

    @Override
    public String getProtocolVersion() {
        throw unexpected();
    }

    @Override
    public String getNegotiatedSubprotocol() {
        throw unexpected();
    }

    @Override
    public List<Extension> getNegotiatedExtensions() {
        throw unexpected();
    }

    @Override
    public long getMaxIdleTimeout() {
        throw unexpected();
    }

    @Override
    public void setMaxIdleTimeout(long milliseconds) {
        throw unexpected();
    }

    @Override
    public void setMaxBinaryMessageBufferSize(int length) {
        throw unexpected();
    }

    @Override
    public int getMaxBinaryMessageBufferSize() {
        throw unexpected();
    }

    @Override
    public void setMaxTextMessageBufferSize(int length) {
        throw unexpected();
    }

    @Override
    public int getMaxTextMessageBufferSize() {
        throw unexpected();
    }

    @Override
    public RemoteEndpoint.Basic getBasicRemote() {
        throw unexpected();
    }

    @Override
    public Map<String, List<String>> getRequestParameterMap() {
        throw unexpected();
    }

    @Override
    public String getQueryString() {
        throw unexpected();
    }

    @Override
    public Map<String, String> getPathParameters() {
        throw unexpected();
    }

    @Override
    public Principal getUserPrincipal() {
        throw unexpected();
    }

    @Override
    public Set<Session> getOpenSessions() {
        throw unexpected();
    }
}
