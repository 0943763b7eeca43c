package io.yoctopus.runtime.transport;

import io.yoctopus.runtime.connection.Connection;
import io.yoctopus.runtime.json.JsonCodec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import jakarta.websocket.Session;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Fills the core plugin's settings ({@code yoctopus.isSecure}, {@code port}, {@code remoteAddress}) when
 * a connection opens, from what the WebSocket session tells of its socket.
 */
@ApplicationScoped
public class CoreSettings {

    /** The core plugin's name, under which these settings live. */
    public static final String PLUGIN = "yoctopus";

    private static final String REMOTE_ADDRESS = "jakarta.websocket.endpoint.remoteAddress";
    private static final String LOCAL_ADDRESS = "jakarta.websocket.endpoint.localAddress";

    @Inject
    JsonCodec json;

    @Inject
    ContainerAdapters adapters;

    void fill(Connection connection, Session session) {
        Map<String, JsonValue> settings = new HashMap<>();
        settings.put("isSecure", session.isSecure() ? JsonValue.TRUE : JsonValue.FALSE);
        Map<String, Object> properties = session.getUserProperties();
        Optional<String> remote = properties.get(REMOTE_ADDRESS) instanceof InetSocketAddress address
                ? Optional.of(address.getAddress().getHostAddress())
                : adapters.adapter().remoteAddress(session);
        remote.ifPresent(address -> settings.put("remoteAddress", json.string(address)));
        int port = properties.get(LOCAL_ADDRESS) instanceof InetSocketAddress local
                ? local.getPort() : session.getRequestURI().getPort();
        if (port > 0) {
            settings.put("port", json.toJsonValue(port));
        }
        connection.settings().apply(PLUGIN, settings);
    }
}
