package io.yoctopus.runtime.transport;

import java.util.concurrent.Executor;
import java.util.function.Predicate;

/**
 * A transport that listens on a port of its own, inside the application (the Vert.x transport): a plain class,
 * loaded by name only when it is enabled ({@link VertxLauncher}), so that no bean names its types. It makes a
 * {@link ConnectionLink} for each connection it accepts; everything above the links is the same for every
 * transport.
 */
public interface PortListener {

    /** What a listener is given: its settings and what it shares with every other transport. */
    record Setup(VertxSettings settings, ConnectionLink.Services links, Predicate<String> admits, Executor worker,
            String path) {

        /** The largest frame the framework accepts, text or binary: what the transport may read of one frame. */
        public int maxFrameBytes() {
            return Math.max(links.limits().maxTextMessageSize(), links.limits().maxBinaryMessageSize());
        }
    }

    /** Starts listening; returns once the port is open, or throws why it could not (a port in use, say). */
    void start() throws Exception;

    /** The port it listens on (the one given, or the one chosen for port 0). */
    int port();

    /**
     * Closes the connections still open with 1001, waits a little for their close frames to leave, stops
     * listening and ends its threads, leaving nothing of its own behind on the calling thread either.
     */
    void stop();
}
