package io.yoctopus.runtime.transport;

import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.Session;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;
import java.util.Map;

/**
 * Keeps the HTTP headers of each WebSocket handshake for the session it opens. The container hands
 * {@code modifyHandshake} a configuration whose user properties are copied into that one session.
 */
public class HandshakeHeaders extends ServerEndpointConfig.Configurator {

    private static final String KEY = HandshakeHeaders.class.getName();

    @Override
    public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
        config.getUserProperties().put(KEY, Map.copyOf(request.getHeaders()));
    }

    /** The handshake headers of a session, empty when the container kept none. */
    @SuppressWarnings("unchecked")
    static Map<String, List<String>> of(Session session) {
        Object headers = session.getUserProperties().get(KEY);
        return headers instanceof Map<?, ?> map ? (Map<String, List<String>>) map : Map.of();
    }
}
