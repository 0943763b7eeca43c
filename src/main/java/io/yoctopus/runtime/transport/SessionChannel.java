package io.yoctopus.runtime.transport;

import io.yoctopus.runtime.connection.Channel;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/** A Jakarta WebSocket session as the framework's {@link Channel}: its asynchronous remote end, its close. */
public final class SessionChannel implements Channel {

    private static final Logger LOG = Logger.getLogger(SessionChannel.class.getName());

    private final Session session;

    public SessionChannel(Session session) {
        this.session = session;
    }

    @Override
    public String id() {
        return session.getId();
    }

    @Override
    public void sendText(String text, Consumer<Throwable> done) {
        try {
            session.getAsyncRemote().sendText(text, result -> done.accept(result.isOK() ? null : result.getException()));
        } catch (RuntimeException closing) {   // closing, or anything else: the caller must hear of it
            done.accept(closing);
        }
    }

    @Override
    public boolean ping(ByteBuffer payload) {
        try {
            session.getAsyncRemote().sendPing(payload);
            return true;
        } catch (IOException | IllegalStateException | IllegalArgumentException gone) {
            LOG.log(Level.FINE, "could not ping a closing connection", gone);
            return false;
        }
    }

    @Override
    public boolean isOpen() {
        return session.isOpen();
    }

    @Override
    public void close(int code, String reason) {
        try {
            if (session.isOpen()) {
                session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
            }
        } catch (IOException | IllegalStateException gone) {
            LOG.log(Level.FINE, "the connection was already gone", gone);
        }
    }
}
