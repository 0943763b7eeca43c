package io.yoctopus.runtime.transport;

import io.yoctopus.runtime.connection.Connection;
import io.yoctopus.runtime.json.JsonCodec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import java.util.HashMap;
import java.util.Map;

/**
 * Fills the core plugin's settings ({@code yoctopus.isSecure}, {@code port}, {@code remoteAddress}) when
 * a connection opens, from the facts of its handshake ({@link HandshakeFacts}), whatever the transport.
 */
@ApplicationScoped
public class CoreSettings {

    /** The core plugin's name, under which these settings live. */
    public static final String PLUGIN = "yoctopus";

    @Inject
    JsonCodec json;

    /** The settings of a connection that opens, from the facts of its handshake. */
    void fill(Connection connection, HandshakeFacts.Facts facts) {
        Map<String, JsonValue> settings = new HashMap<>();
        settings.put("isSecure", facts.secure() ? JsonValue.TRUE : JsonValue.FALSE);
        if (facts.remoteAddress() != null) {
            settings.put("remoteAddress", json.string(facts.remoteAddress()));
        }
        if (facts.localPort() > 0) {
            settings.put("port", json.toJsonValue(facts.localPort()));
        }
        connection.settings().apply(PLUGIN, settings);
    }
}
