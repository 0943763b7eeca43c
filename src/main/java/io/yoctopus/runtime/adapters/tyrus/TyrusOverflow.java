package io.yoctopus.runtime.adapters.tyrus;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.util.Optional;
import java.util.logging.Filter;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.glassfish.tyrus.core.TyrusWebSocket;

/**
 * Answers a frame larger than Tyrus's read buffer as the framework answers any message past its limit: close
 * code 1009 (too big) and one line in the log, not Tyrus's 1011 and a stack trace.
 *
 * <p>Tyrus's read handler throws {@code IllegalArgumentException("Buffer overflow.")} when a frame outgrows its
 * buffer (which {@link TyrusBuffers} bounds by the framework's limit); its endpoint wrapper logs a WARNING with
 * the stack trace and closes the connection with 1011 and that message, calling the endpoint's close first. From
 * there {@link #replace} sends the close frame itself, with 1009: the endpoint's close runs before Tyrus sends its
 * own frame, and Tyrus then only closes the transport. A filter on the wrapper's logger drops that one record.
 */
final class TyrusOverflow {

    /** Tyrus's message for a frame past its buffer ({@code LocalizationMessages.BUFFER_OVERFLOW}). */
    static final String TYRUS_MESSAGE = "Buffer overflow.";

    /** The logger of Tyrus's endpoint wrapper, which logs every exception of a read handler. */
    static final String WRAPPER_LOGGER = "org.glassfish.tyrus.core.TyrusEndpointWrapper";

    private static final Logger LOG = Logger.getLogger(TyrusOverflow.class.getName());

    private final Fields fields;
    private final Logger wrapperLogger = Logger.getLogger(WRAPPER_LOGGER);
    private Filter previous;
    private Filter installed;
    private volatile int maxFrameBytes;

    TyrusOverflow(Fields fields) {
        this.fields = fields;
    }

    /** Drops Tyrus's stack trace of an overflow from now on, keeping whatever filter its logger had. */
    synchronized void install(int maxFrameBytes) {
        this.maxFrameBytes = maxFrameBytes;
        if (installed != null) {
            return;
        }
        previous = wrapperLogger.getFilter();
        Filter before = previous;
        installed = record -> !isOverflow(record.getThrown()) && (before == null || before.isLoggable(record));
        wrapperLogger.setFilter(installed);
    }

    /** Gives Tyrus's logger its filter back, unless someone replaced ours meanwhile. */
    synchronized void uninstall() {
        if (installed != null && wrapperLogger.getFilter() == installed) {
            wrapperLogger.setFilter(previous);
        }
        installed = null;
    }

    static boolean isOverflow(Throwable thrown) {
        return thrown instanceof IllegalArgumentException && TYRUS_MESSAGE.equals(thrown.getMessage());
    }

    /** For Tyrus's overflow close: closes with 1009 instead and returns that reason; empty for any other close. */
    Optional<CloseReason> replace(Session session, CloseReason reason) {
        if (reason.getCloseCode().getCode() != CloseReason.CloseCodes.UNEXPECTED_CONDITION.getCode()
                || !TYRUS_MESSAGE.equals(reason.getReasonPhrase())) {
            return Optional.empty();
        }
        CloseReason tooBig = new CloseReason(CloseReason.CloseCodes.TOO_BIG,
                "a frame may have at most " + maxFrameBytes + " bytes");
        LOG.info(() -> "closing session " + session.getId() + ": " + tooBig.getReasonPhrase());
        Object webSocket = fields.read(fields.read(session, "basicRemote"), "webSocket");
        if (webSocket instanceof TyrusWebSocket socket) {
            try {
                socket.close(tooBig.getCloseCode().getCode(), tooBig.getReasonPhrase());
            } catch (RuntimeException gone) {
                LOG.log(Level.FINE, "the connection went before its close frame", gone);
            }
        }
        return Optional.of(tooBig);
    }
}
