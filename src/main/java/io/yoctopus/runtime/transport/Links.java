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
 * What every transport's {@link ConnectionLink}s share: the application's services, and the transport limits and
 * per-connection {@link Quotas} read once at start.
 */
@ApplicationScoped
public class Links {

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
    Heartbeat heartbeat;

    @Inject
    TransportScheduler scheduler;

    @Inject
    Metrics metrics;

    private ConnectionLink.Services services;

    @PostConstruct
    void readLimits() {
        ConnectionLink.Limits limits = new ConnectionLink.Limits(settings.maxTextMessageSize(),
                settings.maxBinaryMessageSize(), settings.outboxMaxMessages(), settings.outboxMaxBytes(),
                settings.rateLimit(), settings.rateLimitBurst(), settings.maxConnections(), settings.closeTimeout(),
                Quotas.from(ConfigProvider.getConfig()));
        services = new ConnectionLink.Services(dispatcher, connections, coreSettings, events, heartbeat,
                scheduler.executor(), scheduler.closer(), limits, metrics);
    }

    /**
     * Delivering this event makes the bean, and so reads the limits, as the application starts: a quota
     * configured wrongly fails the deployment rather than the first handshake.
     */
    void start(@Observes @Initialized(ApplicationScoped.class) Object application) {
        // nothing more to do
    }

    public ConnectionLink.Services services() {
        return services;
    }
}
