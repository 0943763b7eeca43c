package io.yoctopus.runtime.transport;

import io.yoctopus.runtime.connection.Connection;
import io.yoctopus.runtime.connection.ConnectionRegistry;
import io.yoctopus.runtime.connection.Outbox;
import io.yoctopus.runtime.dispatch.Dispatcher;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one WebSocket endpoint: turns each session into a {@link Connection} and hands its frames to the
 * {@link Dispatcher}. One instance per session. A CDI bean, so that every server injects it (Open
 * Liberty injects only into endpoints that are beans).
 */
@ServerEndpoint("/ws")
@Dependent
public class SessionBridge {

    private static final Logger LOG = Logger.getLogger(SessionBridge.class.getName());

    @Inject
    Dispatcher dispatcher;

    @Inject
    ConnectionRegistry connections;

    @Inject
    CoreSettings coreSettings;

    private Connection connection;

    @OnOpen
    public void open(Session session, EndpointConfig config) {
        connection = new Connection(UUID.randomUUID().toString(), new Outbox(session));
        coreSettings.fill(connection, session);
        connections.add(connection);
    }

    @OnMessage
    public void text(String frame) {
        Connection current = connection;
        current.enqueue(() -> dispatcher.handle(current, frame));
    }

    @OnMessage
    public void binary(ByteBuffer frame) {
        connection.send(dispatcher.messages().error(null, null, null, List.of("binary frames are not accepted")));
    }

    @OnClose
    public void close(CloseReason reason) {
        connections.remove(connection);
    }

    @OnError
    public void error(Session session, Throwable failure) {
        LOG.log(Level.FINE, "transport error on connection " + (connection == null ? "?" : connection.id()), failure);
    }
}
