package io.yoctopus.runtime.transport;

import io.yoctopus.api.events.YoctopusError;
import io.yoctopus.runtime.connection.Connection;
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

/**
 * The Jakarta WebSocket endpoint: turns each session into a {@link Connection} through a {@link ConnectionLink},
 * which hands its frames to the {@link Dispatcher}, text and binary alike, in arrival order; this class is only the
 * glue to the container (and its {@link ContainerAdapter}). One instance per session, made by
 * {@link SessionBridgeFactory} (through {@link Handshakes#getEndpointInstance}), not injected.
 */
@ServerEndpoint(value = SessionBridge.PATH, configurator = Handshakes.class)
public class SessionBridge {

    /** The endpoint's path under the context root. */
    public static final String PATH = "/ws";

    /** What every bridge shares: what every connection link shares, and the container's adapter. */
    record Services(ConnectionLink.Services links, ContainerAdapter adapter) {
    }

    private final Services services;
    private ConnectionLink link;

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
    }

    @OnOpen
    public void open(Session session, EndpointConfig config) {
        services.adapter().opened(session);
        // handlers run on the container thread that read their frame: no worker; the link is kept before it opens,
        // since a connection closed while opening (past max connections, by an opened event's observer) comes back
        // to close() on this thread, before open returns
        link = ConnectionLink.create(services.links(), new SessionChannel(session), null);
        link.open(facts(session), Handshakes.takeHeaders(session));
    }

    /** Text frames, fragments included: {@link Fragments} joins them (see there why not the container). */
    @OnMessage
    public void text(String part, boolean last) {
        link.text(part, last);
    }

    @OnMessage
    public void binary(ByteBuffer part, boolean last) {
        link.binary(part, last);
    }

    @OnMessage
    public void pong(PongMessage pong) {
        link.pong(pong.getApplicationData());
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

    @OnClose
    public void close(Session session, CloseReason reason) {
        CloseReason reported = services.adapter().replaceClose(session, reason).orElse(reason);
        link.closed(reported.getCloseCode().getCode(), reported.getReasonPhrase());
        services.adapter().closed(session);
    }

    @OnError
    public void error(Session session, Throwable failure) {
        if (link == null) {
            // no connection: the container made this instance for a session that had already closed
            services.links().events().failed(new YoctopusError(YoctopusError.Kind.TRANSPORT, Optional.empty(),
                    "transport error on a closed connection", failure));
            return;
        }
        link.failed(failure, session.isOpen());
    }
}
