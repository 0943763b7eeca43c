package io.yoctopus.runtime.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.yoctopus.runtime.connection.Connection;
import io.yoctopus.runtime.json.JsonCodec;
import io.yoctopus.runtime.testing.FakeSession;
import io.yoctopus.testing.RecordingSink;
import java.math.BigDecimal;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The core plugin's settings of a new connection, from the session and the facts of its handshake. */
class CoreSettingsTest {

    private static final JsonCodec JSON = new JsonCodec();

    @AfterAll
    static void close() {
        JSON.close();
    }

    private final CoreSettings core = new CoreSettings();
    private final FakeSession session = new FakeSession("s-1");
    private final Connection connection = new Connection("c-1", new RecordingSink());

    CoreSettingsTest() {
        core.json = JSON;
    }

    private Map<String, Object> filled() {
        core.fill(connection, session);
        return connection.settings().export(JSON::toJava).get(CoreSettings.PLUGIN);
    }

    @Test
    void theHandshakesFactsGiveTheAddressAndThePort() {
        session.secure(true).requestUri(URI.create("wss://example.com:9443/ws"));
        session.getUserProperties().put(Handshakes.FACTS, new HandshakeFacts.Facts("10.1.2.3", 8443, true));
        assertEquals(Map.of("isSecure", true, "remoteAddress", "10.1.2.3", "port", new BigDecimal(8443)), filled());
    }

    @Test
    void withoutThemTheRequestUriGivesThePortAndTheAddressStaysUnset() {
        session.requestUri(URI.create("ws://example.com:9090/ws"));
        assertEquals(Map.of("isSecure", false, "port", new BigDecimal(9090)), filled());
    }

    @Test
    void whatNobodyTellsIsLeftUnset() {
        session.requestUri(URI.create("ws://example.com/ws"));
        session.getUserProperties().put(Handshakes.FACTS, "not facts");
        assertEquals(Map.of("isSecure", false), filled());
    }

    @Test
    void aPortOfZeroIsNoPort() {
        session.getUserProperties().put(Handshakes.FACTS, new HandshakeFacts.Facts("10.1.2.3", 0, false));
        assertEquals(Map.of("isSecure", false, "remoteAddress", "10.1.2.3"), filled());
    }
}
