package io.yoctopus.runtime.transport;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Makes the {@link SessionBridge} of each new session, handing it what every connection link shares
 * ({@link Links}) and the container's adapter.
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
    Links links;

    @Inject
    ContainerAdapters adapters;

    private SessionBridge.Services services;

    @PostConstruct
    void gather() {
        services = new SessionBridge.Services(links.services(), adapters.adapter());
    }

    /** A bridge for one new session. */
    public SessionBridge newBridge() {
        return new SessionBridge(services);
    }

    SessionBridge.Services services() {
        return services;
    }
}
