package io.yoctopus.runtime.transport;

import io.yoctopus.runtime.connection.ConnectionRegistry;
import io.yoctopus.runtime.metrics.Metrics;
import io.yoctopus.runtime.metrics.Metrics.Refusal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.logging.Logger;

/**
 * Admits a handshake when its origin is allowed and the server has room for one more connection; counts each refused
 * handshake once, by why.
 */
@ApplicationScoped
public class HandshakePolicy {

    private static final Logger LOG = Logger.getLogger(HandshakePolicy.class.getName());

    @Inject
    OriginPolicy origins;

    @Inject
    ConnectionRegistry connections;

    @Inject
    TransportSettings settings;

    @Inject
    HandshakeFacts facts;

    @Inject
    Metrics metrics;

    boolean admits(String origin) {
        if (!origins.allows(origin)) {
            LOG.fine(() -> "refused a handshake from origin " + origin);
            refused(Refusal.ORIGIN);
            return false;
        }
        int max = settings.maxConnections();
        if (max > 0 && connections.size() >= max) {
            LOG.warning(() -> "refused a handshake: " + max + " connections are open (yoctopus.max-connections)");
            refused(Refusal.MAX_CONNECTIONS);
            return false;
        }
        return true;
    }

    private void refused(Refusal reason) {
        if (facts.firstRefusal()) {
            metrics.handshakeRefused(reason);
        }
    }
}
