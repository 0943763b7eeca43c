package io.yoctopus.runtime.transport;

import jakarta.websocket.Session;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.glassfish.tyrus.core.TyrusSession;

/**
 * What only Tyrus (the WebSocket implementation of Payara and GlassFish) tells about a session. Tyrus
 * classes are touched only for sessions that are Tyrus's, so on other servers this class is inert.
 */
final class TyrusSessions {

    private static final Logger LOG = Logger.getLogger(TyrusSessions.class.getName());
    private static final String TYRUS_PACKAGE = "org.glassfish.tyrus.";

    private TyrusSessions() {
    }

    /** The client's IP address, when the session is a Tyrus session visible to the application. */
    static Optional<String> remoteAddress(Session session) {
        if (!session.getClass().getName().startsWith(TYRUS_PACKAGE)) {
            return Optional.empty();
        }
        try {
            return session instanceof TyrusSession tyrus ? Optional.ofNullable(tyrus.getRemoteAddr()) : Optional.empty();
        } catch (LinkageError invisible) {
            LOG.log(Level.FINE, "Tyrus classes are not visible to the application", invisible);
            return Optional.empty();
        }
    }
}
