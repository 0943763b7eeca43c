package io.yoctopus.runtime.transport.vertx;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.KeyStoreOptions;
import io.yoctopus.runtime.transport.ConnectionLink;
import io.yoctopus.runtime.transport.PortListener;
import io.yoctopus.runtime.transport.VertxSettings;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The Vert.x listener's own start and stop, without connections: its server options, a start that fails, a stop on
 * an interrupted thread. (Connections through a started listener: {@link VertxListenerTest}.)
 */
class VertxListenerLifeTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private static VertxSettings settings(int port, Optional<String> keyStore) {
        return new VertxSettings(true, "127.0.0.1", port, 1, 1, keyStore, "secret", "JKS");
    }

    /** What a listener is given, for a test in which no connection opens: only the limits are read before one does. */
    private static PortListener.Setup setup(int port) {
        ConnectionLink.Limits limits = new ConnectionLink.Limits(1000, 2000, 10, 10_000, 0, 0, 0, 1000, null);
        ConnectionLink.Services services = new ConnectionLink.Services(null, null, null, null, null, null, null, limits,
                null);
        return new PortListener.Setup(settings(port, Optional.empty()), services, origin -> true, Runnable::run, "/ws");
    }

    @Test
    void aKeyStoreMakesTheServerServeTlsWithIt() {
        HttpServerOptions options = VertxListener.serverOptions(settings(8443, Optional.of("/keys/server.jks")), 2000);
        assertTrue(options.isSsl());
        KeyStoreOptions keys = (KeyStoreOptions) options.getKeyCertOptions();
        assertEquals("/keys/server.jks", keys.getPath());
        assertEquals("secret", keys.getPassword());
        assertEquals("JKS", keys.getType());
    }

    @Test
    void withoutAKeyStoreTheServerIsPlain() {
        HttpServerOptions options = VertxListener.serverOptions(settings(8080, Optional.empty()), 2000);
        assertFalse(options.isSsl());
        assertNull(options.getKeyCertOptions());
        assertEquals("127.0.0.1", options.getHost());
        assertEquals(8080, options.getPort());
        assertEquals(2000, options.getMaxWebSocketFrameSize());
        assertEquals(2000, options.getMaxWebSocketMessageSize());
        assertFalse(options.getPerMessageWebSocketCompressionSupported(), "no deflate negotiated");
        assertFalse(options.getPerFrameWebSocketCompressionSupported(), "no deflate negotiated");
    }

    /** The launcher names the address; what failed is the listener's own failure, not a wrapper of it. */
    @Test
    void aPortInUseFailsTheStartWithTheBindFailureItself() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            VertxListener listener = new VertxListener(setup(taken.getLocalPort()));
            assertThrows(BindException.class, listener::start);
        }
    }

    /** Stopping does not swallow an interrupt: the thread stays interrupted, and Vert.x still closes. */
    @Test
    void stoppingOnAnInterruptedThreadKeepsItInterrupted() throws Exception {
        VertxListener listener = new VertxListener(setup(0));
        listener.start();
        int port = listener.port();
        Thread.currentThread().interrupt();
        listener.stop();
        assertTrue(Thread.interrupted(), "the interrupt was swallowed");
        await("the port closed").atMost(WAIT).until(() -> refused(port));
    }

    private static boolean refused(int port) {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return false;
        } catch (IOException refused) {
            return true;
        }
    }
}
