package io.yoctopus.runtime.transport;

import io.yoctopus.runtime.connection.Connection;
import io.yoctopus.runtime.json.JsonCodec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import jakarta.websocket.Session;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Fills the core plugin's settings ({@code yoctopus.isSecure}, {@code port}, {@code remoteAddress}) when
 * a connection opens, from the session and the HTTP request of its handshake ({@link HandshakeFacts}).
 */
@ApplicationScoped
public class CoreSettings {

    /** The core plugin's name, under which these settings live. */
    public static final String PLUGIN = "yoctopus";

    @Inject
    JsonCodec json;

    void fill(Connection connection, Session session) {
        Map<String, JsonValue> settings = new HashMap<>();
        settings.put("isSecure", session.isSecure() ? JsonValue.TRUE : JsonValue.FALSE);
        Optional<HandshakeFacts.Facts> facts = Handshakes.facts(session);
        facts.map(HandshakeFacts.Facts::remoteAddress)
                .ifPresent(address -> settings.put("remoteAddress", json.string(address)));
        int port = facts.map(HandshakeFacts.Facts::localPort).orElseGet(() -> session.getRequestURI().getPort());
        if (port > 0) {
            settings.put("port", json.toJsonValue(port));
        }
        connection.settings().apply(PLUGIN, settings);
    }
}
