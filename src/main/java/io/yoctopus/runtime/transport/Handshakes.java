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
 * full) and keeps its HTTP headers for the session it opens. The container hands
 * {@code modifyHandshake} a configuration whose user properties are copied into that one session.
 * Endpoint instances are still made by the container's default configurator, so they stay CDI beans.
 */
public class Handshakes extends ServerEndpointConfig.Configurator {

    private static final String HEADERS = Handshakes.class.getName() + ".headers";

    private volatile HandshakePolicy policy;

    @Override
    public boolean checkOrigin(String origin) {
        return policy().admits(origin);
    }

    @Override
    public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
        config.getUserProperties().put(HEADERS, Map.copyOf(request.getHeaders()));
    }

    /** The handshake headers of a session, empty when the container kept none. */
    @SuppressWarnings("unchecked")
    static Map<String, List<String>> headers(Session session) {
        Object headers = session.getUserProperties().get(HEADERS);
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
