package io.yoctopus.runtime.adapters.tyrus;

import jakarta.websocket.Session;
import java.nio.ByteBuffer;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.glassfish.tyrus.core.TyrusWebSocketEngine;
import org.glassfish.tyrus.spi.ServerContainer;

/**
 * Bounds Tyrus's read buffers by the framework's message limits, and lets go of them when a connection ends.
 *
 * <p><b>Bound.</b> Tyrus reads a whole frame into one buffer before any application code sees it, up to its
 * engine's incoming buffer size (4 MB by default, a {@code web.xml} context parameter). The framework's limits
 * are lower (1 MiB by default): {@link #bound} sets the engine's size to the framework's largest frame plus the
 * frame header, before any connection is made, so a frame past the limit is refused after at most that many
 * bytes instead of 4 MB.
 *
 * <p><b>Release.</b> Each connection keeps its last read chunk (in the servlet upgrade handler) and its frame
 * buffer (in the engine's read handler), as large as the largest frame it received. Payara's HTTP worker threads
 * keep their last requests for reuse, and an upgraded request refers to its upgrade handler, so these buffers
 * outlive the connection until the worker reuses the request: 40 clients that each sent one 3.9 MB frame left
 * 172 MB held after they closed. {@link #release} clears both references once a connection has closed. It waits
 * {@link #RELEASE_DELAY_MS} first: the close may be reported on the reading thread itself, which stores its buffer
 * again when it returns.
 *
 * <p>Tyrus has no API for either: the bound goes through the engine's (deprecated but public) setter; the
 * release walks private fields of Tyrus 2.1 (session → remote endpoint → web socket → protocol handler → servlet
 * writer → upgrade handler → connection → read handler). A Tyrus without those fields is left as it is.
 */
final class TyrusBuffers {

    /** The most a WebSocket frame header takes: 2 bytes, an 8-byte length, a 4-byte mask. */
    static final int FRAME_HEADER = 14;

    /** How long after a close the buffers are cleared. */
    static final long RELEASE_DELAY_MS = 1_000;

    private static final Logger LOG = Logger.getLogger(TyrusBuffers.class.getName());

    private final Fields fields;
    private final ScheduledExecutorService timers;
    private final AtomicLong released = new AtomicLong();

    TyrusBuffers(Fields fields, ScheduledExecutorService timers) {
        this.fields = fields;
        this.timers = timers;
    }

    /** Sets the engine's incoming buffer to one frame of {@code maxFrameBytes}; false when this is no Tyrus engine. */
    boolean bound(Object serverContainer, int maxFrameBytes) {
        if (serverContainer instanceof ServerContainer container
                && container.getWebSocketEngine() instanceof TyrusWebSocketEngine engine) {
            engine.setIncomingBufferSize(maxFrameBytes + FRAME_HEADER);
            LOG.info(() -> "Tyrus reads frames of at most " + (maxFrameBytes + FRAME_HEADER) + " bytes");
            return true;
        }
        return false;
    }

    /** Clears the connection's read buffers a moment from now. */
    void release(Session session) {
        try {
            Runnable releaseLater = () -> releaseNow(session);
            timers.schedule(releaseLater, RELEASE_DELAY_MS, TimeUnit.MILLISECONDS);
        } catch (RuntimeException stopping) {
            LOG.log(Level.FINE, "not releasing the read buffers of a connection: the application is stopping", stopping);
        }
    }

    /** Clears the read buffers now; @return how many buffers were cleared. */
    int releaseNow(Session session) {
        Object webSocket = fields.read(fields.read(session, "basicRemote"), "webSocket");
        Object writer = fields.read(fields.read(webSocket, "protocolHandler"), "writer");
        Object upgradeHandler = fields.read(writer, "tyrusHttpUpgradeHandler");
        Object readHandler = fields.read(fields.read(upgradeHandler, "connection"), "readHandler");
        int cleared = clearBuffer(upgradeHandler, "buf") + clearBuffer(readHandler, "buffer");
        released.addAndGet(cleared);
        return cleared;
    }

    /** Clears a buffer that holds no unread data; a partial frame (never expected after a close) is kept. */
    private int clearBuffer(Object owner, String field) {
        return fields.read(owner, field) instanceof ByteBuffer buffer && !buffer.hasRemaining()
                && fields.clear(owner, field) ? 1 : 0;
    }

    /** How many read buffers have been released after closes. */
    long released() {
        return released.get();
    }
}
