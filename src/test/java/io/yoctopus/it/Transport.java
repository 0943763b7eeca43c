package io.yoctopus.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.util.Locale;

/**
 * The transport a test talks to: the container's WebSocket endpoint (at the deployment's context root), or the
 * Vert.x transport, which every test deployment enables on a port of its own ({@link Deployments#war}).
 */
public enum Transport {
    CONTAINER, VERTX;

    /**
     * The Vert.x transport's port in every Arquillian deployment of this test run: free when the run starts, and
     * released by each deployment's undeployment before the next one starts (one server at a time).
     */
    public static final int VERTX_PORT = freePort();

    /** The WebSocket URI of the framework's endpoint on this transport, for an Arquillian {@code base} URL. */
    public URI uri(URL base) {
        return this == CONTAINER ? Deployments.wsUri(base)
                : URI.create("ws://" + base.getHost() + ":" + VERTX_PORT + "/" + Deployments.WS_PATH);
    }

    /** As JUnit shows it in a test's name. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** A port nobody listens on now. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
