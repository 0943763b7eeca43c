package io.yoctopus.runtime.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.yoctopus.runtime.connection.Connection;
import io.yoctopus.runtime.json.JsonCodec;
import io.yoctopus.testing.RecordingSink;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The core plugin's settings of a new connection, from the facts of its handshake. */
class CoreSettingsTest {

    private static final JsonCodec JSON = new JsonCodec();

    @AfterAll
    static void close() {
        JSON.close();
    }

    private final CoreSettings core = new CoreSettings();

    CoreSettingsTest() {
        core.json = JSON;
    }

    private Map<String, Object> filled(HandshakeFacts.Facts facts) {
        Connection connection = new Connection("c-1", new RecordingSink());
        core.fill(connection, facts);
        return connection.settings().export(JSON::toJava).get(CoreSettings.PLUGIN);
    }

    @Test
    void theFactsGiveTheAddressThePortAndWhetherItIsSecure() {
        assertEquals(Map.of("isSecure", true, "remoteAddress", "10.1.2.3", "port", new BigDecimal(8443)),
                filled(new HandshakeFacts.Facts("10.1.2.3", 8443, true)));
    }

    @Test
    void anUnknownAddressIsLeftUnset() {
        assertEquals(Map.of("isSecure", false, "port", new BigDecimal(9090)),
                filled(new HandshakeFacts.Facts(null, 9090, false)));
    }

    @Test
    void aPortOfZeroOrLessIsNoPort() {
        assertEquals(Map.of("isSecure", false, "remoteAddress", "10.1.2.3"),
                filled(new HandshakeFacts.Facts("10.1.2.3", 0, false)));
        assertEquals(Map.of("isSecure", false), filled(new HandshakeFacts.Facts(null, -1, false)));
    }
}
