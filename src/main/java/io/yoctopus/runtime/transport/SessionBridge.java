package io.yoctopus.runtime.transport;

import io.yoctopus.api.events.YoctopusError;
import io.yoctopus.runtime.connection.Connection;
import io.yoctopus.runtime.connection.ConnectionRegistry;
import io.yoctopus.runtime.connection.Outbox;
import io.yoctopus.runtime.connection.Quotas;
import io.yoctopus.runtime.connection.RateLimiter;
import io.yoctopus.runtime.dispatch.Dispatcher;
import jakarta.websocket.CloseReason;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.UUID;

/**
 * The one WebSocket endpoint: turns each session into a {@link Connection} and hands its frames to the
 * {@link Dispatcher}, text and binary alike, in arrival order. One instance per session, made by
 * {@link SessionBridgeFactory} (through {@link Handshakes#getEndpointInstance}), not injected.
 */
@ServerEndpoint(value = "/ws", configurator = Handshakes.class)
public class SessionBridge {

    /** The transport's limits, read from configuration once at start (see {@link TransportSettings}). */
    record Limits(int maxTextMessageSize, int maxBinaryMessageSize, int outboxMaxMessages, long outboxMaxBytes,
            int rateLimit, int rateLimitBurst, int maxConnections, Quotas quotas) {
    }

    private final Dispatcher dispatcher;
    private final ConnectionRegistry connections;
    private final CoreSettings coreSettings;
    private final ConnectionEvents events;
    private final TyrusScheduler tyrusScheduler;
    private final Limits limits;
    private Connection connection;
    private Fragments fragments;

    SessionBridge(Dispatcher dispatcher, ConnectionRegistry connections, CoreSettings coreSettings,
            ConnectionEvents events, TyrusScheduler tyrusScheduler, Limits limits) {
        this.dispatcher = dispatcher;
        this.connections = connections;
        this.coreSettings = coreSettings;
        this.events = events;
        this.tyrusScheduler = tyrusScheduler;
        this.limits = limits;
    }

    @OnOpen
    public void open(Session session, EndpointConfig config) {
        tyrusScheduler.adopt(session);   // Tyrus's per-frame idle timer off the managed executor
        fragments = new Fragments(limits.maxTextMessageSize(), limits.maxBinaryMessageSize());
        Outbox outbox = new Outbox(session, limits.outboxMaxMessages(), limits.outboxMaxBytes());
        RateLimiter limiter = limits.rateLimit() > 0
                ? new RateLimiter(limits.rateLimit(), limits.rateLimitBurst(), System.nanoTime())
                : null;
        connection = new Connection(UUID.randomUUID().toString(), outbox, limiter, limits.quotas());
        coreSettings.fill(connection, session);
        if (!connections.addWithin(connection, limits.maxConnections())) {
            // handshakes admitted together all passed HandshakePolicy's look at the count: the limit holds here
            connection.close(CloseReason.CloseCodes.TRY_AGAIN_LATER.getCode(), "too many connections");
            return;
        }
        events.opened(connection, Handshakes.takeHeaders(session));
    }

    /** Text frames, fragments included: {@link Fragments} joins them (see there why not the container). */
    @OnMessage
    public void text(String part, boolean last) {
        Connection current = connection;
        if (current.serverClose() != null) {
            return;   // closing: what the client sends meanwhile is not served
        }
        String message;
        try {
            message = fragments.text(part, last);
        } catch (Fragments.TooBig tooBig) {
            current.close(CloseReason.CloseCodes.TOO_BIG.getCode(), tooBig.getMessage());
            return;
        }
        if (message != null) {
            Optional<String> refusal = current.enqueue(message.length(), () -> dispatcher.handle(current, message));
            if (refusal.isPresent()) {
                dispatcher.refuse(current, message, refusal.get());
            }
        } else {
            current.fragmentArrived();
        }
    }

    @OnMessage
    public void binary(ByteBuffer part, boolean last) {
        Connection current = connection;
        if (current.serverClose() != null) {
            return;
        }
        byte[] message;
        try {
            message = fragments.binary(part, last);
        } catch (Fragments.TooBig tooBig) {
            current.close(CloseReason.CloseCodes.TOO_BIG.getCode(), tooBig.getMessage());
            return;
        }
        if (message != null) {
            Optional<String> refusal = current.enqueue(message.length, () -> dispatcher.handleBinary(current, message));
            if (refusal.isPresent()) {
                dispatcher.refuseBinary(current, refusal.get());
            }
        } else {
            current.fragmentArrived();
        }
    }

    @OnMessage
    public void pong(PongMessage pong) {
        connection.ponged();
    }

    @OnClose
    public void close(CloseReason reason) {
        connections.closed(connection, reason.getCloseCode().getCode(), reason.getReasonPhrase());
    }

    @OnError
    public void error(Session session, Throwable failure) {
        // no connection: the container made this instance for a session that had already closed
        String id = connection == null ? null : connection.id();
        events.failed(new YoctopusError(YoctopusError.Kind.TRANSPORT, Optional.ofNullable(id),
                id == null ? "transport error on a closed connection" : "transport error on connection " + id,
                failure));
        if (connection != null && !session.isOpen()) {
            connections.closed(connection, CloseReason.CloseCodes.CLOSED_ABNORMALLY.getCode(), failure.toString());
        }
    }
}
