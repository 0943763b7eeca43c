package io.yoctopus.runtime.connection;

import io.yoctopus.runtime.metrics.MetricsProducer;
import io.yoctopus.testing.RecordingSink;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.yoctopus.api.events.ConnectionClosed;
import io.yoctopus.runtime.catalogue.PluginExtension;
import io.yoctopus.runtime.json.JsonProducer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

/** The registry as CDI makes it (Weld SE): closed events reach observers, and stopping closes every connection. */
class ConnectionRegistryCdiTest {

    /** Observes the closed events, as a plugin would. */
    @ApplicationScoped
    public static class ClosedObserver {
        static final List<ConnectionClosed> SEEN = new CopyOnWriteArrayList<>();

        void closed(@Observes ConnectionClosed event) {
            SEEN.add(event);
        }
    }

    /** The cluster seam's bean, as the WAR has it: the other instances, recorded. */
    @ApplicationScoped
    public static class Others extends RecordingOthers {
    }

    private static WeldContainer boot(Class<?>... beans) {
        return new Weld()
                .disableDiscovery()
                .beanClasses(JsonProducer.class, MetricsProducer.class, ConnectionRegistry.class, ClosedObserver.class)
                .addBeanClasses(beans)
                .addExtension(new PluginExtension())
                .initialize();
    }

    @Test
    void theRegistryAndMulticastFindTheOtherInstancesWhereTheClusterSeamIsDeployed() {
        try (WeldContainer container = boot(Others.class, MulticastService.class)) {
            container.select(ConnectionRegistry.class).get().notify("elsewhere", "t", Map.of());
            container.select(MulticastService.class).get().send(Map.of(), "t", Map.of());
            assertEquals(List.of("notify elsewhere", "multicast {}"), container.select(Others.class).get().told());
        }
        try (WeldContainer container = boot(MulticastService.class)) {
            // without the seam each instance is on its own: nothing to tell, nothing thrown
            container.select(ConnectionRegistry.class).get().notify("elsewhere", "t", Map.of());
            assertEquals(0, container.select(MulticastService.class).get().send(Map.of(), "t", Map.of()));
        }
    }

    @Test
    void observersGetTheClosedEventAndStoppingTheApplicationClosesEveryConnectionWith1001() {
        ClosedObserver.SEEN.clear();
        List<String> givenUp = new CopyOnWriteArrayList<>();
        try (WeldContainer container = boot()) {
            ConnectionRegistry registry = container.select(ConnectionRegistry.class).get();
            Connection a = new Connection("a", new RecordingSink());
            registry.add(a);
            registry.closed(a, 4001, "bye");
            assertEquals(List.of(new ConnectionClosed("a", Map.of(), 4001, "bye")), ClosedObserver.SEEN);

            Connection[] b = new Connection[1];
            b[0] = new Connection("b", new RecordingSink().whenClosed(close -> {
                givenUp.add(close.code() + " " + close.reason() + (close.gaveUp() ? "" : " (not given up)"));
                registry.closed(b[0], close.code(), "");   // the client answered the close at once
            }));
            registry.add(b[0]);
        }
        assertEquals(List.of("1001 server shutting down"), givenUp);
        assertEquals(new ConnectionClosed("b", Map.of(), 1001, "server shutting down"), ClosedObserver.SEEN.get(1));
        assertEquals(2, ClosedObserver.SEEN.size());
    }
}
