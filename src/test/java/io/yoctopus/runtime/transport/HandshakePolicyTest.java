package io.yoctopus.runtime.transport;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yoctopus.runtime.connection.Connection;
import io.yoctopus.runtime.connection.ConnectionRegistry;
import io.yoctopus.runtime.json.JsonCodec;
import io.yoctopus.testing.RecordingSink;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** A handshake is admitted when its origin is allowed and the server has room for one more connection. */
class HandshakePolicyTest {

    private static final JsonCodec JSON = new JsonCodec();

    @AfterAll
    static void close() {
        JSON.close();
    }

    private final HandshakePolicy policy = new HandshakePolicy();
    private final ConnectionRegistry registry = new ConnectionRegistry(JSON, closed -> { });

    HandshakePolicyTest() {
        policy.origins = new OriginPolicy();
        policy.origins.set(List.of("https://a.example"));
        policy.connections = registry;
        policy.settings = TransportStubs.defaultSettings();
    }

    @Test
    void anOriginNotAllowedIsRefused() {
        assertTrue(policy.admits("https://a.example"));
        assertFalse(policy.admits("https://b.example"));
        assertFalse(policy.admits(null));
    }

    @Test
    void aFullServerRefusesAndZeroMeansNoLimit() {
        policy.settings.maxConnections = 2;
        registry.add(new Connection("1", new RecordingSink()));
        assertTrue(policy.admits("https://a.example"), "one of two open");
        registry.add(new Connection("2", new RecordingSink()));
        assertFalse(policy.admits("https://a.example"), "two of two open");
        policy.settings.maxConnections = 0;
        assertTrue(policy.admits("https://a.example"));
    }
}
