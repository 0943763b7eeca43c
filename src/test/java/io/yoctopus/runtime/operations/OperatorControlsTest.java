package io.yoctopus.runtime.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yoctopus.api.Handles;
import io.yoctopus.api.Plugin;
import io.yoctopus.plugins.core.CorePlugin;
import io.yoctopus.runtime.catalogue.PluginExtension;
import io.yoctopus.runtime.catalogue.PluginRegistry;
import io.yoctopus.runtime.cluster.MemberConnections;
import io.yoctopus.runtime.json.JsonProducer;
import io.yoctopus.runtime.metrics.CountedFigures;
import io.yoctopus.runtime.metrics.Metrics;
import io.yoctopus.runtime.metrics.MetricsProducer;
import io.yoctopus.runtime.testing.CapturedLog;
import io.yoctopus.runtime.transport.OriginPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

/** The plugins, allowed-origins and metrics MXBeans over the real registry, policy and counters. */
class OperatorControlsTest {

    @Plugin("shop")
    @ApplicationScoped
    public static class Shop {
        @Handles(endpoint = "cart", method = "read")
        public void read() {
        }

        @Handles(endpoint = "cart", method = "update")
        public void update() {
        }
    }

    private static WeldContainer boot() {
        return new Weld().disableDiscovery()
                .beanClasses(PluginRegistry.class, JsonProducer.class, MetricsProducer.class, CorePlugin.class, Shop.class)
                .addExtension(new PluginExtension())
                .initialize();
    }

    @Test
    void operatorsListDisableAndEnablePlugins() {
        try (WeldContainer container = boot()) {
            PluginRegistry registry = container.select(PluginRegistry.class).get();
            PluginsControl control = new PluginsControl(registry);
            PluginInfo shop = control.getPlugins().stream().filter(plugin -> plugin.getName().equals("shop"))
                    .findFirst().orElseThrow();
            assertEquals(List.of("shop:cart read", "shop:cart update"), shop.getEndpoints());
            assertTrue(shop.isEnabled());
            assertEquals(List.of(), control.getDisabled());

            assertTrue(control.disable("shop"));
            assertFalse(control.disable("shop"));
            assertEquals(List.of("shop"), control.getDisabled());
            assertEquals(Set.of("yoctopus"), registry.names());
            assertFalse(control.getPlugins().stream().filter(plugin -> plugin.getName().equals("shop")).findFirst()
                    .orElseThrow().isEnabled());

            assertTrue(control.enable("shop"));
            assertFalse(control.enable("shop"));
            assertEquals(List.of(), control.getDisabled());
            assertEquals(Set.of("yoctopus", "shop"), registry.names());
            assertEquals("no plugin 'x'; plugins: shop, yoctopus",
                    assertThrows(IllegalArgumentException.class, () -> control.disable("x")).getMessage());
        }
    }

    @Test
    void operatorsReadAndSetTheAllowedOriginsEachChangeLoggedWithTheOldOnes() {
        OriginPolicy policy = new OriginPolicy();
        AllowedOriginsControl control = new AllowedOriginsControl(policy);
        assertEquals(List.of("*"), control.getAllowedOrigins());
        try (CapturedLog log = CapturedLog.of(OriginPolicy.class, Level.INFO)) {
            control.setAllowedOrigins(List.of("https://b.example", " https://a.example "));
            assertEquals(List.of("https://a.example", "https://b.example"), control.getAllowedOrigins(), "sorted");
            assertTrue(policy.allows("https://a.example"));
            assertFalse(policy.allows("https://c.example"));
            control.setAllowedOrigins(null);
            assertEquals(List.of(), control.getAllowedOrigins(), "none: every handshake is refused");
            assertFalse(policy.allows("https://a.example"));
            control.reload();
            assertEquals(List.of("*"), control.getAllowedOrigins(), "the configuration's default");
            assertEquals(List.of("allowed origins: [https://a.example, https://b.example] (were [*])",
                    "allowed origins: [] (were [https://a.example, https://b.example])",
                    "allowed origins: [*] (were [])"),
                    log.records().stream().map(LogRecord::getMessage).toList());
        }
    }

    @Test
    void theMetricsBeanShowsTheCountsAndEveryFigure() {
        Metrics metrics = CountedFigures.countEach(new Metrics());
        MetricsView view = new MetricsView(metrics, () -> 2, () -> List.of(new MemberConnections("A", "", true, 2)));
        metrics.handshakeRefused(Metrics.Refusal.MAX_CONNECTIONS);
        metrics.unrouted(Metrics.Unrouted.RATE_LIMITED);
        metrics.endpoint("shop:cart", "read").answered(true, 1000);
        assertEquals(2, view.getOpenConnections());
        assertEquals(1, view.getConnectionsOpened());
        assertEquals(Map.of("origin", 0L, "max-connections", 1L), view.getHandshakesRefused());
        assertEquals(List.of("origin", "max-connections"), List.copyOf(view.getHandshakesRefused().keySet()));
        assertEquals(2, view.getFramesIn());
        assertEquals(3, view.getFramesOut());
        assertEquals(Map.of("malformed", 0L, "unknown-endpoint", 0L, "unknown-method", 0L, "rate-limited", 1L,
                "pending-quota", 0L, "binary-not-accepted", 0L), view.getRequestsUnrouted());
        assertEquals(4, view.getNotificationsSent());
        assertEquals(5, view.getSlowConsumersClosed());
        assertEquals(6, view.getPingsSent());
        assertEquals(7, view.getLivenessCloses());
        Map<String, Double> figures = view.getFigures();
        assertEquals(2.0, figures.get("yoctopus.connections.open"));
        assertEquals(1.0, figures.get("yoctopus.requests{endpoint=shop:cart,method=read}"));
        assertEquals(1.0, figures.get("yoctopus.cluster.members"));
        assertEquals(2.0, figures.get("yoctopus.cluster.connections"));
        assertEquals(new Readings(metrics, () -> 2, List::of).all().size(), figures.size(), "every reading");
        assertEquals(figures.keySet().stream().sorted().toList(), List.copyOf(figures.keySet()), "sorted by key");
    }
}
