package io.yoctopus.runtime.transport;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.Session;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;
import java.util.Map;

/**
 * Decides each WebSocket handshake (refused ones get HTTP 403: an origin not allowed, or the server
 * full), keeps its HTTP headers for the session it opens, and makes that session's {@link SessionBridge}.
 * The container hands {@code modifyHandshake} a configuration whose user properties are copied into that
 * one session.
 */
public class Handshakes extends ServerEndpointConfig.Configurator {

    private static final String HEADERS = Handshakes.class.getName() + ".headers";

    private volatile HandshakePolicy policy;
    private volatile SessionBridgeFactory bridges;

    @Override
    public boolean checkOrigin(String origin) {
        return policy().admits(origin);
    }

    @Override
    public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
        config.getUserProperties().put(HEADERS, Map.copyOf(request.getHeaders()));
    }

    @Override
    public <T> T getEndpointInstance(Class<T> endpointClass) throws InstantiationException {
        if (endpointClass != SessionBridge.class) {
            return super.getEndpointInstance(endpointClass);
        }
        SessionBridgeFactory factory = bridges;
        if (factory == null) {
            factory = CDI.current().select(SessionBridgeFactory.class).get();
            bridges = factory;
        }
        return endpointClass.cast(factory.newBridge());
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

    /** The container makes the configurator, not CDI: the policy bean is looked up once, on first use. */
    private HandshakePolicy policy() {
        HandshakePolicy current = policy;
        if (current == null) {
            current = CDI.current().select(HandshakePolicy.class).get();
            policy = current;
        }
        return current;
    }
}
