package io.yoctopus.runtime.transport;

import io.smallrye.config.inject.ConfigExtension;
import io.yoctopus.runtime.catalogue.PluginExtension;
import io.yoctopus.runtime.catalogue.PluginRegistry;
import io.yoctopus.runtime.connection.ConnectionRegistry;
import io.yoctopus.runtime.connection.MulticastService;
import io.yoctopus.runtime.dispatch.DispatcherProducer;
import io.yoctopus.runtime.events.CdiRequestEvents;
import io.yoctopus.runtime.json.JsonProducer;
import io.yoctopus.runtime.metrics.MetricsProducer;
import io.yoctopus.runtime.testing.ScopedConfig;
import io.yoctopus.testing.Validators;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

/**
 * The application's transport beans under Weld SE, for tests of a whole transport: the real dispatcher, registry,
 * heartbeat, handshake policy, links and Vert.x launcher, with a configuration of the test's own. Only the server's
 * managed thread factory is stood in for (plain threads, counted), since Weld SE injects no {@code @Resource}.
 */
public final class TransportBeans {

    /** The managed thread factory the transport's beans get here. */
    public static final TransportStubs.PlainThreadFactory THREADS = new TransportStubs.PlainThreadFactory();

    private TransportBeans() {
    }

    /** The transport's timer and closer threads, from the stand-in factory. */
    @ApplicationScoped
    public static class PlainTransportScheduler extends TransportScheduler {
        @PostConstruct
        @Override
        void start() {
            threadFactory = THREADS;
            super.start();
        }
    }

    /** The Vert.x launcher, its workers from the stand-in factory. */
    @ApplicationScoped
    public static class PlainVertxLauncher extends VertxLauncher {
        @PostConstruct
        void plainThreads() {
            threadFactory = THREADS;
        }

        /** The listener's port, once started. */
        public int port() {
            return listener().port();
        }

        /** The listener, once started. */
        public PortListener portListener() {
            return listener();
        }

        /** Stops the listener and the workers now, as the application's end does. */
        public void stopNow() {
            stop();
        }
    }

    /**
     * Starts the beans and {@code beans} (plugins, observers) with {@code config}: everything that reads the
     * configuration reads it now. The caller closes the container.
     */
    public static WeldContainer boot(Map<String, String> config, Class<?>... beans) {
        return ScopedConfig.with(config, () -> {
            WeldContainer container = new Weld().disableDiscovery()
                    .beanClasses(PluginRegistry.class, JsonProducer.class, MetricsProducer.class, DispatcherProducer.class,
                            CdiRequestEvents.class, Validators.class, MulticastService.class, ConnectionRegistry.class,
                            CoreSettings.class, ConnectionEvents.class, TransportSettings.class, Heartbeat.class,
                            PlainTransportScheduler.class, Links.class, HandshakePolicy.class, HandshakeFacts.class,
                            OriginPolicy.class, PlainVertxLauncher.class)
                    .addBeanClasses(beans)
                    .addExtension(new PluginExtension())
                    .addExtension(new ConfigExtension())
                    .initialize();
            container.select(OriginPolicy.class).get().get();
            container.select(TransportSettings.class).get().maxConnections();
            return container;
        });
    }

    /** The Vert.x launcher of a container booted here. */
    public static PlainVertxLauncher vertx(WeldContainer container) {
        return container.select(PlainVertxLauncher.class).get();
    }
}
