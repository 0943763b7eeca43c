package io.yoctopus.bench.bare;

import io.yoctopus.runtime.transport.ContainerAdapter;
import io.yoctopus.runtime.transport.TransportScheduler;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.websocket.Session;
import java.util.concurrent.ScheduledExecutorService;
import org.eclipse.microprofile.config.Config;

/**
 * The framework's remedy for Tyrus's per-frame idle timer, and nothing else of its Tyrus adapter: sessions get
 * the transport's plain timer thread ({@code -Dyoctopus.tyrus.plainScheduler=false} turns it off, as on the
 * framework). The adapter's buffer bounds and overflow handling are left out ({@code started} and {@code closed}
 * are never called), so the bare endpoint stays the platform as it is, minus the one cost no application avoids.
 *
 * <p>On servers without Tyrus (WildFly, Open Liberty) nothing is done: the adapter is loaded by name only where
 * Tyrus's session class is visible, as the framework's {@code ContainerAdapters} does, so that the same WAR
 * deploys everywhere.
 */
@ApplicationScoped
public class TyrusRemedy {

    @Inject
    TransportScheduler scheduler;

    @Inject
    Config config;

    private ContainerAdapter tyrus = ContainerAdapter.NONE;

    @PostConstruct
    void start() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try {
            Class.forName("org.glassfish.tyrus.core.TyrusSession", false, loader);
        } catch (ClassNotFoundException notTyrus) {
            return;
        }
        try {
            tyrus = Class.forName("io.yoctopus.runtime.adapters.tyrus.TyrusAdapter", true, loader)
                    .asSubclass(ContainerAdapter.class).getConstructor(ScheduledExecutorService.class, Config.class)
                    .newInstance(scheduler.executor(), config);
        } catch (ReflectiveOperationException failure) {
            // on Tyrus the bare endpoint without the remedy would not be the platform the framework runs on
            throw new IllegalStateException("cannot load the Tyrus adapter", failure);
        }
    }

    void opened(Session session) {
        tyrus.opened(session);
    }
}
