package io.yoctopus.runtime.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smallrye.config.inject.ConfigExtension;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

/** The transport's configuration keys: the defaults README documents, and how the burst follows the rate. */
class TransportSettingsTest {

    @Test
    void theDefaultsAreTheDocumentedOnes() {
        try (WeldContainer container = new Weld().disableDiscovery().beanClasses(TransportSettings.class)
                .addExtension(new ConfigExtension()).initialize()) {
            TransportSettings settings = container.select(TransportSettings.class).get();
            assertEquals(250, settings.pingInterval());
            assertEquals(3, settings.maxLostPings());
            assertEquals(1_048_576, settings.maxTextMessageSize());
            assertEquals(1_048_576, settings.maxBinaryMessageSize());
            assertEquals(0, settings.rateLimit());
            assertEquals(0, settings.rateLimitBurst());
            assertEquals(1024, settings.outboxMaxMessages());
            assertEquals(16_777_216, settings.outboxMaxBytes());
            assertEquals(5000, settings.closeTimeout());
            assertEquals(0, settings.maxConnections());
        }
    }

    @Test
    void eachKeyIsItsOwnValue() {
        TransportSettings settings = new TransportSettings();
        settings.pingInterval = 1;
        settings.maxLostPings = 2;
        settings.maxTextMessageSize = 3;
        settings.maxBinaryMessageSize = 4;
        settings.rateLimit = 5;
        settings.rateLimitBurst = 6;
        settings.outboxMaxMessages = 7;
        settings.outboxMaxBytes = 8;
        settings.closeTimeout = 9;
        settings.maxConnections = 10;
        assertEquals(1, settings.pingInterval());
        assertEquals(2, settings.maxLostPings());
        assertEquals(3, settings.maxTextMessageSize());
        assertEquals(4, settings.maxBinaryMessageSize());
        assertEquals(5, settings.rateLimit());
        assertEquals(6, settings.rateLimitBurst());
        assertEquals(7, settings.outboxMaxMessages());
        assertEquals(8, settings.outboxMaxBytes());
        assertEquals(9, settings.closeTimeout());
        assertEquals(10, settings.maxConnections());
    }

    @Test
    void withoutABurstTheBurstIsTheRate() {
        TransportSettings settings = new TransportSettings();
        settings.rateLimit = 20;
        assertEquals(20, settings.rateLimitBurst());
        settings.rateLimitBurst = 1;
        assertEquals(1, settings.rateLimitBurst());
    }
}
