package io.yoctopus.runtime.transport.vertx;

import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrame;
import io.yoctopus.runtime.connection.Channel;
import io.yoctopus.runtime.connection.CloseCodes;
import io.yoctopus.runtime.transport.ConnectionLink;
import io.yoctopus.runtime.transport.HandshakeFacts;
import io.yoctopus.runtime.transport.PortListener;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * One Vert.x WebSocket as the framework's {@link Channel}, and the glue that hands its frames, pongs and close to
 * its {@link ConnectionLink}.
 *
 * <p><b>Threads.</b> Frames arrive on the connection's event loop and are handed to the link there: a
 * non-blocking handler answers on the event loop, any other runs on the worker pool ({@code Connection.worker()}).
 * The opened and closed events, once per connection, fire on the worker too: their observers may block. Sends,
 * pings and closes from any other thread (a worker, a timer, another connection's event loop, a container thread
 * multicasting) are handed to the event loop rather than made there: Netty would otherwise leave a thread-local map
 * on threads the application does not own, which outlives it.
 *
 * <p><b>Sends.</b> On the event loop a message is written into Netty's outbound buffer, and counts as sent at once
 * while the connection stays writable (below Netty's high-water mark, 64 KB); past it the send completes only when
 * Netty has written it to the socket. So a client that does not read fills the connection's outbox, and is closed
 * with 1008, as on every transport.
 */
final class VertxSocket implements Channel {

    /** The frames kept while the connection opens (a few milliseconds): past them, Vert.x stops reading. */
    static final int EARLY_FRAMES = 64;

    private final ServerWebSocket socket;
    private final Context context;
    private final Thread loop;
    private final int port;
    private final PortListener.Setup setup;
    private final Consumer<VertxSocket> whenClosed;
    private final String id;
    /** Written on a worker before the handshake completes on the event loop; read on the event loop after it. */
    private ConnectionLink link;
    /** Event loop only. */
    private boolean ready;
    private boolean closedBeforeReady;
    private boolean continuingText;
    /**
     * Event loop only: the frames that came before the connection was open, handed over in order once it is. Kept
     * here rather than left unread in Vert.x: a close arriving meanwhile would lose what Vert.x holds.
     */
    private final List<WebSocketFrame> early = new ArrayList<>();

    /**
     * @param port the port the transport listens on, which {@code yoctopus.port} names: the socket's own local port
     *     need not be it where the network translates addresses (a test machine's did)
     */
    VertxSocket(ServerWebSocket socket, Context context, int port, PortListener.Setup setup,
            Consumer<VertxSocket> whenClosed) {
        this.socket = socket;
        this.context = context;
        this.loop = Thread.currentThread();
        this.port = port;
        this.setup = setup;
        this.whenClosed = whenClosed;
        this.id = "vertx:" + socket.remoteAddress();
    }

    /**
     * On the event loop, in the handshake: the handshake is accepted when this returns, and the connection opens on
     * a worker (the opened event's observers may block, and may send to the connection); meanwhile its frames wait
     * here ({@link #EARLY_FRAMES} at most, then unread in Vert.x), and are handed over in order once it is open,
     * before a close that came after them.
     */
    void open() {
        socket.frameHandler(this::frame);
        socket.pongHandler(this::pong);
        socket.closeHandler(ignored -> closed());
        socket.exceptionHandler(this::failed);
        HandshakeFacts.Facts facts = new HandshakeFacts.Facts(socket.remoteAddress().hostAddress(), port,
                socket.isSsl());
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : socket.headers().names()) {
            headers.put(name, List.copyOf(socket.headers().getAll(name)));
        }
        try {
            setup.worker().execute(() -> {
                ConnectionLink opening = ConnectionLink.create(setup.links(), this, setup.worker());
                opening.open(facts, Map.copyOf(headers));
                link = opening;
                context.runOnContext(ignored -> ready());
            });
        } catch (RejectedExecutionException stopping) {
            socket.reject(503);
        }
    }

    private void ready() {
        ready = true;
        early.forEach(this::frame);
        early.clear();
        if (closedBeforeReady) {
            reportClosed(closeCode(), socket.closeReason());
        } else {
            socket.resume();
        }
    }

    /** Pongs come outside the frame queue: one may come before the link is known here, which loses nothing. */
    private void pong(Buffer payload) {
        ConnectionLink current = link;
        if (current != null) {
            current.pong(payload.getByteBuf().nioBuffer());
        }
    }

    private void frame(WebSocketFrame frame) {
        if (!ready) {
            early.add(frame);
            if (early.size() == EARLY_FRAMES) {
                socket.pause();
            }
            return;
        }
        if (frame.isText()) {
            continuingText = true;
            link.utf8(bytes(frame), frame.isFinal());
        } else if (frame.isBinary()) {
            continuingText = false;
            link.binary(bytes(frame), frame.isFinal());
        } else if (frame.isContinuation()) {
            if (continuingText) {
                link.utf8(bytes(frame), frame.isFinal());
            } else {
                link.binary(bytes(frame), frame.isFinal());
            }
        }
        // pings are answered by Vert.x, pongs come through the pong handler and the close through the close handler
    }

    private static ByteBuffer bytes(WebSocketFrame frame) {
        return frame.binaryData().getByteBuf().nioBuffer();
    }

    /**
     * Netty refused a frame as it read it (one past the largest message, or a protocol violation): Vert.x closes the
     * TCP connection right after this handler, so the close frame is written now, on the event loop, where it leaves
     * at once; the link is told so that the closed event carries the same code and reason.
     */
    private void failed(Throwable failure) {
        if (failure instanceof CorruptedWebSocketFrameException corrupted) {
            int code = corrupted.closeStatus().code();
            String reason = code == CloseCodes.TOO_BIG
                    ? "a frame may have at most " + setup.maxFrameBytes() + " bytes"
                    : corrupted.closeStatus().reasonText();
            socket.close((short) code, reason);
            if (link != null) {
                link.broke(code, reason);
            }
        } else if (!(failure instanceof HttpClosedException) && !(failure instanceof IOException) && link != null) {
            // a connection that just breaks (closed, reset by the peer) is reported by the close handler, as 1006
            link.failed(failure, !socket.isClosed());
        }
    }

    private void closed() {
        whenClosed.accept(this);
        if (!ready) {
            closedBeforeReady = true;
            return;
        }
        reportClosed(closeCode(), socket.closeReason());
    }

    private int closeCode() {
        Short code = socket.closeStatusCode();
        return code == null ? CloseCodes.CLOSED_ABNORMALLY : code;
    }

    /** The closed event's observers may block: on a worker, or here when the workers have stopped. */
    private void reportClosed(int code, String reason) {
        ConnectionLink current = link;
        try {
            setup.worker().execute(() -> current.closed(code, reason));
        } catch (RejectedExecutionException stopping) {
            current.closed(code, reason);
        }
    }

    // ---------------------------------------------------------------- Channel

    @Override
    public String id() {
        return id;
    }

    @Override
    public void sendText(String text, Consumer<Throwable> done) {
        if (Thread.currentThread() == loop) {
            write(text, done);
        } else {
            context.runOnContext(ignored -> write(text, done));
        }
    }

    private void write(String text, Consumer<Throwable> done) {
        Future<Void> written = socket.writeTextMessage(text);
        if (written.failed()) {
            done.accept(written.cause());
        } else if (!socket.writeQueueFull()) {
            done.accept(null);
        } else {
            written.onComplete(result -> done.accept(result.cause()));
        }
    }

    @Override
    public boolean ping(ByteBuffer payload) {
        if (socket.isClosed()) {
            return false;
        }
        byte[] bytes = new byte[payload.remaining()];
        payload.duplicate().get(bytes);
        context.runOnContext(ignored -> socket.writePing(Buffer.buffer(bytes)));
        return true;
    }

    @Override
    public boolean isOpen() {
        return !socket.isClosed();
    }

    @Override
    public void close(int code, String reason) {
        closeNow(code, reason);
    }

    /** Sends the close frame, on the event loop; the future completes once it has left (or the socket is gone). */
    Future<Void> closeNow(int code, String reason) {
        Promise<Void> sent = Promise.promise();
        context.runOnContext(ignored -> socket.close((short) code, reason).onComplete(sent));
        return sent.future();
    }
}
