package io.yoctopus.runtime.transport;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.Session;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides each WebSocket handshake (refused ones get HTTP 403: an origin not allowed, or the server
 * full), keeps its HTTP headers and {@link HandshakeFacts} for the session it opens, and makes that session's
 * {@link SessionBridge}.
 * The container hands {@code modifyHandshake} a configuration whose user properties are copied into that
 * one session.
 */
public class Handshakes extends ServerEndpointConfig.Configurator {

    private static final String HEADERS = Handshakes.class.getName() + ".headers";
    /** The session's user property that holds its {@link HandshakeFacts.Facts}. */
    static final String FACTS = Handshakes.class.getName() + ".facts";

    private final LazyBean<HandshakePolicy> policy = new LazyBean<>(HandshakePolicy.class);
    private final LazyBean<SessionBridgeFactory> bridges = new LazyBean<>(SessionBridgeFactory.class);
    private final LazyBean<HandshakeFacts> facts = new LazyBean<>(HandshakeFacts.class);

    @Override
    public boolean checkOrigin(String origin) {
        return policy.get().admits(origin);
    }

    @Override
    public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
        config.getUserProperties().put(HEADERS, Map.copyOf(request.getHeaders()));
        HandshakeFacts.Facts current = facts.get().current();
        if (current != null) {
            config.getUserProperties().put(FACTS, current);
        }
    }

    @Override
    public <T> T getEndpointInstance(Class<T> endpointClass) throws InstantiationException {
        if (endpointClass != SessionBridge.class) {
            return super.getEndpointInstance(endpointClass);
        }
        return endpointClass.cast(bridges.get().newBridge());
    }

    /**
     * The handshake headers of a session, empty when the container kept none. They are removed from the
     * session: the opened event is their one reader, and an idle connection should not hold them.
     */
    @SuppressWarnings("unchecked")
    static Map<String, List<String>> takeHeaders(Session session) {
        Object headers = session.getUserProperties().remove(HEADERS);
        return headers instanceof Map<?, ?> map ? (Map<String, List<String>>) map : Map.of();
    }

    /** The facts of the handshake that opened a session, if the container let them be noted (see {@link HandshakeFacts}). */
    static Optional<HandshakeFacts.Facts> facts(Session session) {
        return session.getUserProperties().get(FACTS) instanceof HandshakeFacts.Facts facts
                ? Optional.of(facts) : Optional.empty();
    }

    /** An application bean, looked up once, on first use: the container makes the configurator, not CDI. */
    private static final class LazyBean<T> {
        private final Class<T> type;
        private volatile T instance;

        LazyBean(Class<T> type) {
            this.type = type;
        }

        T get() {
            T current = instance;
            if (current == null) {
                current = CDI.current().select(type).get();
                instance = current;
            }
            return current;
        }
    }
}
