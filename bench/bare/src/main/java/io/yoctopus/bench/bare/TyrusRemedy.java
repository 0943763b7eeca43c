package io.yoctopus.bench.bare;

import io.yoctopus.runtime.adapters.tyrus.TyrusAdapter;
import io.yoctopus.runtime.transport.ContainerAdapter;
import io.yoctopus.runtime.transport.TransportScheduler;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.websocket.Session;
import org.eclipse.microprofile.config.Config;

/**
 * The framework's remedy for Tyrus's per-frame idle timer, and nothing else of its Tyrus adapter: sessions get
 * the transport's plain timer thread ({@code -Dyoctopus.tyrus.plainScheduler=false} turns it off, as on the
 * framework). The adapter's buffer bounds and overflow handling are left out ({@code started} and {@code closed}
 * are never called), so the bare endpoint stays the platform as it is, minus the one cost no application avoids.
 */
@ApplicationScoped
public class TyrusRemedy {

    @Inject
    TransportScheduler scheduler;

    @Inject
    Config config;

    private ContainerAdapter tyrus;

    @PostConstruct
    void start() {
        tyrus = new TyrusAdapter(scheduler.executor(), config);
    }

    void opened(Session session) {
        tyrus.opened(session);
    }
}
