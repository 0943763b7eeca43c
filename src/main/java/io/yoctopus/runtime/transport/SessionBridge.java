package io.yoctopus.runtime.transport;

import io.yoctopus.api.events.YoctopusError;
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
import java.util.Optional;
import java.util.UUID;

/**
 * The one WebSocket endpoint: turns each session into a {@link Connection} and hands its frames to the
 * {@link Dispatcher}. One instance per session. A CDI bean, so that every server injects it (Open
 * Liberty injects only into endpoints that are beans).
 */
@ServerEndpoint(value = "/ws", configurator = HandshakeHeaders.class)
@Dependent
public class SessionBridge {

    @Inject
    Dispatcher dispatcher;

    @Inject
    ConnectionRegistry connections;

    @Inject
    CoreSettings coreSettings;

    @Inject
    ConnectionEvents events;

    private Connection connection;

    @OnOpen
    public void open(Session session, EndpointConfig config) {
        connection = new Connection(UUID.randomUUID().toString(), new Outbox(session));
        coreSettings.fill(connection, session);
        connections.add(connection);
        events.opened(connection, HandshakeHeaders.of(session));
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
        connections.closed(connection, reason.getCloseCode().getCode(), reason.getReasonPhrase());
    }

    @OnError
    public void error(Session session, Throwable failure) {
        String id = connection == null ? null : connection.id();
        events.failed(new YoctopusError(YoctopusError.Kind.TRANSPORT, Optional.ofNullable(id),
                "transport error on connection " + id, failure));
        if (connection != null && !session.isOpen()) {
            connections.closed(connection, CloseReason.CloseCodes.CLOSED_ABNORMALLY.getCode(), failure.toString());
        }
    }
}
