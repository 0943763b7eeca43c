package io.yoctopus.runtime.transport;

import io.yoctopus.runtime.connection.ConnectionRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.logging.Logger;

/** Admits a handshake when its origin is allowed and the server has room for one more connection. */
@ApplicationScoped
public class HandshakePolicy {

    private static final Logger LOG = Logger.getLogger(HandshakePolicy.class.getName());

    @Inject
    OriginPolicy origins;

    @Inject
    ConnectionRegistry connections;

    @Inject
    TransportSettings settings;

    boolean admits(String origin) {
        if (!origins.allows(origin)) {
            LOG.fine(() -> "refused a handshake from origin " + origin);
            return false;
        }
        int max = settings.maxConnections();
        if (max > 0 && connections.size() >= max) {
            LOG.warning(() -> "refused a handshake: " + max + " connections are open (yoctopus.max-connections)");
            return false;
        }
        return true;
    }
}
