package io.yoctopus.runtime.transport;

import io.yoctopus.runtime.adapters.Classes;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import jakarta.websocket.server.ServerContainer;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Detects the WebSocket container the application runs on and holds its {@link ContainerAdapter}.
 *
 * <p>Detection is by class name: an adapter class is loaded, by name, only when a class only its server has is
 * visible to the application. Adapters refer to their server's types; this bean and everything else refers to
 * {@link ContainerAdapter} only, so the same WAR deploys on every server.
 */
@ApplicationScoped
public class ContainerAdapters {

    private static final Logger LOG = Logger.getLogger(ContainerAdapters.class.getName());

    /** A server, recognised by a class of its own, and the adapter class for it. */
    record Known(String markerClass, String adapterClass) {
    }

    /** In order: the first whose marker class is visible is used. */
    static final List<Known> KNOWN = List.of(
            // Tyrus: the WebSocket implementation of Payara and GlassFish
            new Known("org.glassfish.tyrus.core.TyrusSession", "io.yoctopus.runtime.adapters.tyrus.TyrusAdapter"));

    @Inject
    TransportScheduler scheduler;

    @Inject
    TransportSettings settings;

    ContainerAdapter adapter = ContainerAdapter.NONE;

    @PostConstruct
    void detect() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        adapter = detect(loader, scheduler.executor(), ConfigProvider.getConfig(loader));
        LOG.info(() -> "WebSocket container: " + adapter.name());
    }

    /** The adapter for the first known server whose marker class {@code loader} sees; {@link ContainerAdapter#NONE} else. */
    static ContainerAdapter detect(ClassLoader loader, ScheduledExecutorService timers, Config config) {
        for (Known known : KNOWN) {
            if (Classes.visible(known.markerClass(), loader)) {
                try {
                    return Class.forName(known.adapterClass(), true, loader).asSubclass(ContainerAdapter.class)
                            .getConstructor(ScheduledExecutorService.class, Config.class)
                            .newInstance(timers, config);
                } catch (ReflectiveOperationException | LinkageError failure) {
                    LOG.log(Level.WARNING, "cannot load " + known.adapterClass() + "; running without it", failure);
                }
            }
        }
        return ContainerAdapter.NONE;
    }

    /** Before the first connection: the container's buffers bounded by the framework's message limits. */
    void start(@Observes @Initialized(ApplicationScoped.class) ServletContext context) {
        if (context.getAttribute(ServerContainer.class.getName()) instanceof ServerContainer container) {
            adapter.started(container, Math.max(settings.maxTextMessageSize(), settings.maxBinaryMessageSize()));
        }
    }

    @PreDestroy
    void stop() {
        adapter.stop();
    }

    public ContainerAdapter adapter() {
        return adapter;
    }
}
