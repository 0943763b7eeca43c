package io.yoctopus.runtime.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yoctopus.runtime.connection.Connection;
import io.yoctopus.runtime.connection.ConnectionRegistry;
import io.yoctopus.runtime.json.JsonCodec;
import io.yoctopus.runtime.metrics.Metrics;
import io.yoctopus.runtime.metrics.Metrics.Refusal;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import io.yoctopus.testing.RecordingSink;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A handshake is admitted when its origin is allowed and the server has room for one more connection; a refused one
 * is counted once by why, however often the container asks about it.
 */
class HandshakePolicyTest {

    private static final JsonCodec JSON = new JsonCodec();

    @AfterAll
    static void close() {
        JSON.close();
    }

    private final HandshakePolicy policy = new HandshakePolicy();
    private final Metrics metrics = new Metrics();
    private final ConnectionRegistry registry = new ConnectionRegistry(JSON, closed -> { });

    HandshakePolicyTest() {
        policy.origins = new OriginPolicy();
        policy.origins.set(List.of("https://a.example"));
        policy.connections = registry;
        policy.settings = TransportStubs.defaultSettings();
        policy.facts = new HandshakeFacts();
        policy.metrics = metrics;
    }

    @Test
    void anOriginNotAllowedIsRefused() {
        assertTrue(policy.admits("https://a.example"));
        assertEquals(0, metrics.handshakesRefused(Refusal.ORIGIN), "an admitted handshake is no refusal");
        assertFalse(policy.admits("https://b.example"));
        assertFalse(policy.admits(null));
        assertEquals(2, metrics.handshakesRefused(Refusal.ORIGIN), "outside an upgrade request, each call counts");
        assertEquals(0, metrics.handshakesRefused(Refusal.MAX_CONNECTIONS));
    }

    /** Undertow asks the configurator, then passes the refused request on to the filter, which asks again. */
    @Test
    void aHandshakeRefusedTwiceInOneUpgradeRequestCountsOnce() {
        policy.facts.begin(upgradeRequest());
        assertFalse(policy.admits("https://b.example"));
        assertFalse(policy.admits("https://b.example"));
        policy.facts.end();
        assertEquals(1, metrics.handshakesRefused(Refusal.ORIGIN));
        policy.facts.begin(upgradeRequest());
        assertFalse(policy.admits("https://b.example"));
        policy.facts.end();
        assertEquals(2, metrics.handshakesRefused(Refusal.ORIGIN), "the next upgrade request counts again");
    }

    private static HttpServletRequest upgradeRequest() {
        return (HttpServletRequest) Proxy.newProxyInstance(HttpServletRequest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, arguments) -> switch (method.getName()) {
                    case "getRemoteAddr" -> "127.0.0.1";
                    case "getLocalPort" -> 8080;
                    case "isSecure" -> false;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void aFullServerRefusesAndZeroMeansNoLimit() {
        policy.settings.maxConnections = 2;
        registry.add(new Connection("1", new RecordingSink()));
        assertTrue(policy.admits("https://a.example"), "one of two open");
        registry.add(new Connection("2", new RecordingSink()));
        assertFalse(policy.admits("https://a.example"), "two of two open");
        assertEquals(1, metrics.handshakesRefused(Refusal.MAX_CONNECTIONS));
        policy.settings.maxConnections = 0;
        assertTrue(policy.admits("https://a.example"));
        assertEquals(1, metrics.handshakesRefused(Refusal.MAX_CONNECTIONS));
        assertEquals(0, metrics.handshakesRefused(Refusal.ORIGIN));
    }
}
