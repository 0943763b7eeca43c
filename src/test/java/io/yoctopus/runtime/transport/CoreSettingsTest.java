package io.yoctopus.runtime.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.yoctopus.runtime.connection.Connection;
import io.yoctopus.runtime.json.JsonCodec;
import io.yoctopus.runtime.testing.FakeSession;
import io.yoctopus.runtime.testing.RecordingSink;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The core plugin's settings of a new connection, from what the session tells of its socket. */
class CoreSettingsTest {

    private static final JsonCodec JSON = new JsonCodec();
    private static final String REMOTE = "jakarta.websocket.endpoint.remoteAddress";
    private static final String LOCAL = "jakarta.websocket.endpoint.localAddress";

    @AfterAll
    static void close() {
        JSON.close();
    }

    private final TransportStubs.RecordingAdapter adapter = new TransportStubs.RecordingAdapter();
    private final CoreSettings core = new CoreSettings();
    private final FakeSession session = new FakeSession("s-1");
    private final Connection connection = new Connection("c-1", new RecordingSink());

    CoreSettingsTest() {
        core.json = JSON;
        core.adapters = new ContainerAdapters();
        core.adapters.adapter = adapter;
    }

    private Map<String, Object> filled() {
        core.fill(connection, session);
        return connection.settings().export(JSON::toJava).get(CoreSettings.PLUGIN);
    }

    @Test
    void theSocketsAddressesAsTheStandardUserPropertiesGiveThem() {
        session.secure(true).requestUri(URI.create("wss://example.com:9443/ws"));
        session.getUserProperties().put(REMOTE, new InetSocketAddress("10.1.2.3", 50_123));
        session.getUserProperties().put(LOCAL, new InetSocketAddress("10.0.0.1", 8443));
        assertEquals(Map.of("isSecure", true, "remoteAddress", "10.1.2.3", "port", new BigDecimal(8443)), filled());
        assertEquals(List.of(), adapter.calls, "the adapter is not asked");
    }

    @Test
    void withoutThemTheAdapterTellsTheAddressAndTheRequestUriThePort() {
        session.requestUri(URI.create("ws://example.com:9090/ws"));
        adapter.remoteAddress = Optional.of("192.168.0.9");
        assertEquals(Map.of("isSecure", false, "remoteAddress", "192.168.0.9", "port", new BigDecimal(9090)), filled());
        assertEquals(List.of("remoteAddress s-1"), adapter.calls);
    }

    @Test
    void whatNobodyTellsIsLeftUnset() {
        session.requestUri(URI.create("ws://example.com/ws"));
        assertEquals(Map.of("isSecure", false), filled());
    }

    @Test
    void aPortOfZeroIsNoPort() {
        session.getUserProperties().put(LOCAL, new InetSocketAddress("10.0.0.1", 0));
        session.getUserProperties().put(REMOTE, "not an address");
        assertEquals(Map.of("isSecure", false), filled());
    }
}
