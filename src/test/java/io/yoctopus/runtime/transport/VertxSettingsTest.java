package io.yoctopus.runtime.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

/** The Vert.x transport's keys as MicroProfile Config gives them (SmallRye): the documented defaults, the checks. */
class VertxSettingsTest {

    private static Config config(Map<String, String> values) {
        return new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(values, "test", 500)).build();
    }

    @Test
    void theDefaultsAreTheDocumentedOnes() {
        VertxSettings settings = VertxSettings.from(config(Map.of()), 3);
        assertEquals(new VertxSettings(false, "0.0.0.0", 8081, 3, 16, Optional.empty(), "", "PKCS12"), settings);
        assertFalse(settings.secure());
    }

    @Test
    void eachKeyIsItsOwnValue() {
        VertxSettings settings = VertxSettings.from(config(Map.of(
                "yoctopus.transport.vertx.enabled", "true",
                "yoctopus.transport.vertx.host", "127.0.0.1",
                "yoctopus.transport.vertx.port", "9443",
                "yoctopus.transport.vertx.event-loops", "4",
                "yoctopus.transport.vertx.worker-threads", "32",
                "yoctopus.transport.vertx.tls.key-store", "/etc/keystore.jks",
                "yoctopus.transport.vertx.tls.key-store-password", "secret",
                "yoctopus.transport.vertx.tls.key-store-type", "JKS")), 2);
        assertEquals(new VertxSettings(true, "127.0.0.1", 9443, 4, 32, Optional.of("/etc/keystore.jks"), "secret",
                "JKS"), settings);
        assertTrue(settings.secure());
    }

    /** The boundaries of every range: port 0 (any free one) and 65535, one event loop, one worker. */
    @Test
    void theSmallestAndLargestValuesAreAccepted() {
        VertxSettings lowest = VertxSettings.from(config(Map.of("yoctopus.transport.vertx.port", "0",
                "yoctopus.transport.vertx.event-loops", "1", "yoctopus.transport.vertx.worker-threads", "1")), 2);
        assertEquals(0, lowest.port());
        assertEquals(1, lowest.eventLoops());
        assertEquals(1, lowest.workerThreads());
        assertEquals(65_535, VertxSettings.from(config(Map.of("yoctopus.transport.vertx.port", "65535")), 2).port());
    }

    @Test
    void everyValueOutOfRangeIsNamedInOneMessage() {
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class, () -> VertxSettings.from(
                config(Map.of("yoctopus.transport.vertx.port", "65536", "yoctopus.transport.vertx.event-loops", "0",
                        "yoctopus.transport.vertx.worker-threads", "0")), 2));
        assertEquals("the Vert.x transport is configured wrongly: yoctopus.transport.vertx.port must be between 0 and "
                + "65535, not 65536; yoctopus.transport.vertx.event-loops must be at least 1, not 0; "
                + "yoctopus.transport.vertx.worker-threads must be at least 1, not 0", wrong.getMessage());
        assertEquals("the Vert.x transport is configured wrongly: yoctopus.transport.vertx.port must be between 0 and "
                + "65535, not -1", assertThrows(IllegalArgumentException.class, () -> VertxSettings.from(
                        config(Map.of("yoctopus.transport.vertx.port", "-1")), 2)).getMessage());
    }
}
