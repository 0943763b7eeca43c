package io.yoctopus.runtime.transport;

import io.yoctopus.runtime.connection.ConnectionRegistry;
import io.yoctopus.runtime.connection.Quotas;
import io.yoctopus.runtime.dispatch.Dispatcher;
import io.yoctopus.runtime.metrics.Metrics;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Makes the {@link SessionBridge} of each new session, handing it the application's services and the
 * transport limits and per-connection {@link Quotas} read once at start.
 *
 * <p>Why not let the container inject each bridge: Tyrus makes a CDI endpoint instance by building a
 * fresh injection target for it, per session, under a lock on the bean manager, and keeps that target
 * for the life of the session (about 1.5 KB of heap a connection for the bridge's injection points,
 * measured with a heap histogram of 10,000 idle connections). {@link Handshakes#getEndpointInstance} asks
 * this bean instead, which is portable to every Jakarta WebSocket container.
 */
@ApplicationScoped
public class SessionBridgeFactory {

    @Inject
    Dispatcher dispatcher;

    @Inject
    ConnectionRegistry connections;

    @Inject
    CoreSettings coreSettings;

    @Inject
    ConnectionEvents events;

    @Inject
    TransportSettings settings;

    @Inject
    ContainerAdapters adapters;

    @Inject
    Heartbeat heartbeat;

    @Inject
    TransportScheduler scheduler;

    @Inject
    Metrics metrics;

    private SessionBridge.Services services;

    @PostConstruct
    void readLimits() {
        SessionBridge.Limits limits = new SessionBridge.Limits(settings.maxTextMessageSize(),
                settings.maxBinaryMessageSize(), settings.outboxMaxMessages(), settings.outboxMaxBytes(),
                settings.rateLimit(), settings.rateLimitBurst(), settings.maxConnections(), settings.closeTimeout(),
                Quotas.from(ConfigProvider.getConfig()));
        services = new SessionBridge.Services(dispatcher, connections, coreSettings, events, adapters.adapter(),
                heartbeat, scheduler.executor(), scheduler.closer(), limits, metrics);
    }

    /**
     * Delivering this event makes the bean, and so reads the limits, as the application starts: a quota
     * configured wrongly fails the deployment rather than the first handshake.
     */
    void start(@Observes @Initialized(ApplicationScoped.class) Object application) {
        // nothing more to do
    }

    /** A bridge for one new session. */
    public SessionBridge newBridge() {
        return new SessionBridge(services);
    }

    SessionBridge.Services services() {
        return services;
    }
}
