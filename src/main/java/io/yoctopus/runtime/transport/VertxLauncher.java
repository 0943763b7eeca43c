package io.yoctopus.runtime.transport;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Starts the Vert.x transport with the application when {@code yoctopus.transport.vertx.enabled} is true, and stops
 * it with the application: its own port, the same path ({@value SessionBridge#PATH}), the same contract as the
 * container's endpoint (README, "The Vert.x transport").
 *
 * <p>The transport itself ({@value #LISTENER}) is loaded by name, only when enabled, and reached through
 * {@link PortListener}: this bean names no Vert.x or Netty type, so that CDI never inspects one on any server, and
 * the WAR deploys the same whether the transport is on or off.
 */
@ApplicationScoped
public class VertxLauncher {

    /** The listener class, in the WAR beside Vert.x and Netty. */
    static final String LISTENER = "io.yoctopus.runtime.transport.vertx.VertxListener";

    private static final Logger LOG = Logger.getLogger(VertxLauncher.class.getName());

    @Inject
    Links links;

    @Inject
    HandshakePolicy policy;

    @Resource
    ManagedThreadFactory threadFactory;

    private WorkerPool workers;
    private PortListener listener;

    /** As the application starts, after the connection services: a transport that cannot start fails the deployment. */
    void start(@Observes @Initialized(ApplicationScoped.class) Object application) {
        VertxSettings settings = VertxSettings.from(ConfigProvider.getConfig(),
                Runtime.getRuntime().availableProcessors());
        if (!settings.enabled()) {
            return;
        }
        workers = new WorkerPool(settings.workerThreads(), threadFactory);
        try {
            listener = start(new PortListener.Setup(settings, links.services(), policy::admits, workers,
                    SessionBridge.PATH), Thread.currentThread().getContextClassLoader());
        } catch (RuntimeException failed) {
            workers.stop();
            workers = null;
            throw failed;
        }
        LOG.info(() -> "Vert.x transport: " + (settings.secure() ? "wss" : "ws") + "://" + settings.host() + ":"
                + listener.port() + SessionBridge.PATH + ", " + settings.eventLoops() + " event loops, "
                + settings.workerThreads() + " worker threads");
    }

    /** Loads the listener by name and starts it; why it could not, in one message naming the port. */
    static PortListener start(PortListener.Setup setup, ClassLoader loader) {
        try {
            PortListener started = Class.forName(LISTENER, true, loader).asSubclass(PortListener.class)
                    .getConstructor(PortListener.Setup.class).newInstance(setup);
            started.start();
            return started;
        } catch (Exception | LinkageError failure) {
            throw new IllegalStateException("the Vert.x transport could not start on " + setup.settings().host() + ":"
                    + setup.settings().port() + ": " + failure, failure);
        }
    }

    /** The listener, once started; null when the transport is off. */
    PortListener listener() {
        return listener;
    }

    /**
     * After the connections have been told to close (the registry does that as the application begins to stop): the
     * listener sees their close frames out and ends its threads, then the workers end theirs.
     */
    @PreDestroy
    void stop() {
        if (listener != null) {
            listener.stop();
        }
        if (workers != null) {
            workers.stop();
        }
    }
}
