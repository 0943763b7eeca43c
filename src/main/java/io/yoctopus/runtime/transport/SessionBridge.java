package io.yoctopus.runtime.transport;

import io.yoctopus.api.events.YoctopusError;
import io.yoctopus.runtime.connection.Connection;
import io.yoctopus.runtime.connection.ConnectionRegistry;
import io.yoctopus.runtime.connection.Outbox;
import io.yoctopus.runtime.connection.Quotas;
import io.yoctopus.runtime.connection.RateLimiter;
import io.yoctopus.runtime.dispatch.Dispatcher;
import jakarta.enterprise.inject.spi.CDI;
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
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The one WebSocket endpoint: turns each session into a {@link Connection} and hands its frames to the
 * {@link Dispatcher}, text and binary alike, in arrival order. One instance per session, made by
 * {@link SessionBridgeFactory} (through {@link Handshakes#getEndpointInstance}), not injected.
 */
@ServerEndpoint(value = SessionBridge.PATH, configurator = Handshakes.class)
public class SessionBridge {

    /** The endpoint's path under the context root. */
    public static final String PATH = "/ws";

    /** The transport's limits, read from configuration once at start (see {@link TransportSettings}). */
    record Limits(int maxTextMessageSize, int maxBinaryMessageSize, int outboxMaxMessages, long outboxMaxBytes,
            int rateLimit, int rateLimitBurst, int maxConnections, long closeTimeout, Quotas quotas) {
    }

    /** What every bridge shares: the application's services and the limits, gathered once. */
    record Services(Dispatcher dispatcher, ConnectionRegistry connections, CoreSettings coreSettings,
            ConnectionEvents events, ContainerAdapter adapter, Heartbeat heartbeat, ScheduledExecutorService timers,
            Executor closer, Limits limits) {
    }

    private final Services services;
    private final Dispatcher dispatcher;
    private Connection connection;
    private Fragments fragments;

    /**
     * For containers that require a public no-argument constructor on every annotated endpoint (Open Liberty
     * refuses the deployment without one) or make instances with it: looks the services up. The configurator,
     * {@link Handshakes}, makes the instances where the container asks it, without a lookup per session.
     */
    public SessionBridge() {
        this(CDI.current().select(SessionBridgeFactory.class).get().services());
    }

    SessionBridge(Services services) {
        this.services = services;
        this.dispatcher = services.dispatcher();
    }

    @OnOpen
    public void open(Session session, EndpointConfig config) {
        services.adapter().opened(session);
        Limits limits = services.limits();
        fragments = new Fragments(limits.maxTextMessageSize(), limits.maxBinaryMessageSize());
        Outbox outbox = new Outbox(new SessionChannel(session), limits.outboxMaxMessages(), limits.outboxMaxBytes(),
                services.timers(), limits.closeTimeout(), services.closer(), this::closedByServer);
        RateLimiter limiter = limits.rateLimit() > 0
                ? new RateLimiter(limits.rateLimit(), limits.rateLimitBurst(), System.nanoTime())
                : null;
        connection = new Connection(UUID.randomUUID().toString(), outbox, limiter, limits.quotas());
        services.coreSettings().fill(connection, facts(session));
        if (!services.connections().addWithin(connection, limits.maxConnections())) {
            // handshakes admitted together all passed HandshakePolicy's look at the count: the limit holds here
            // nothing was sent yet: no need to wait for the client to read up to the close
            connection.giveUp(CloseReason.CloseCodes.TRY_AGAIN_LATER.getCode(), "too many connections");
            return;
        }
        services.events().opened(connection, Handshakes.takeHeaders(session));
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
            // the client broke the protocol's limit: the close goes out without waiting for it to confirm
            current.giveUp(CloseReason.CloseCodes.TOO_BIG.getCode(), tooBig.getMessage());
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
            // the client broke the protocol's limit: the close goes out without waiting for it to confirm
            current.giveUp(CloseReason.CloseCodes.TOO_BIG.getCode(), tooBig.getMessage());
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
        services.heartbeat().ponged(connection, pong.getApplicationData());
    }

    /**
     * What the handshake told of the session's connection: the client's address and the server's port as
     * {@link HandshakeListener} noted them, else the port of the request URI; whether it is secure, from the session.
     */
    private static HandshakeFacts.Facts facts(Session session) {
        return Handshakes.facts(session)
                .map(noted -> new HandshakeFacts.Facts(noted.remoteAddress(), noted.localPort(), session.isSecure()))
                .orElseGet(() -> new HandshakeFacts.Facts(null, session.getRequestURI().getPort(), session.isSecure()));
    }

    /** The server closed the session: the connection is over now, whenever the container reports the close. */
    private void closedByServer(Connection.CloseStatus status) {
        services.connections().closed(connection, status.code(), status.reason());
    }

    @OnClose
    public void close(Session session, CloseReason reason) {
        CloseReason reported = services.adapter().replaceClose(session, reason).orElse(reason);
        services.connections().closed(connection, reported.getCloseCode().getCode(), reported.getReasonPhrase());
        services.adapter().closed(session);
    }

    @OnError
    public void error(Session session, Throwable failure) {
        // no connection: the container made this instance for a session that had already closed
        String id = connection == null ? null : connection.id();
        services.events().failed(new YoctopusError(YoctopusError.Kind.TRANSPORT, Optional.ofNullable(id),
                id == null ? "transport error on a closed connection" : "transport error on connection " + id,
                failure));
        if (connection != null && !session.isOpen()) {
            services.connections().closed(connection, CloseReason.CloseCodes.CLOSED_ABNORMALLY.getCode(),
                    failure.toString());
        }
    }
}
