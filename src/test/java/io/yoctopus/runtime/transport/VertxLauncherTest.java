package io.yoctopus.runtime.transport;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.util.internal.InternalThreadLocalMap;
import io.yoctopus.it.RawWebSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

/**
 * The Vert.x transport's life with the application's (real beans under Weld SE, a real Vert.x): off unless enabled,
 * a start that fails names its address and leaves nothing running, and stopping closes every connection with 1001
 * and leaves no thread and no Netty thread-local map behind.
 */
class VertxLauncherTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private static Map<String, String> enabledOn(int port) {
        return Map.of("yoctopus.transport.vertx.enabled", "true", "yoctopus.transport.vertx.host", "127.0.0.1",
                "yoctopus.transport.vertx.port", String.valueOf(port), "yoctopus.transport.vertx.event-loops", "2",
                "yoctopus.transport.vertx.worker-threads", "1");
    }

    /** The threads of a Vert.x transport: its event loops, Vert.x's own helpers, the framework's workers. */
    private static List<String> transportThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(name -> name.startsWith("vert.x-") || name.startsWith("vertx-") || name.startsWith(WorkerPool.NAME))
                .toList();
    }

    private static void awaitNoTransportThreads() {
        await("no thread of the transport left").atMost(WAIT).until(() -> transportThreads().isEmpty());
    }

    @Test
    void itIsOffUnlessEnabled() {
        awaitNoTransportThreads();
        try (WeldContainer container = TransportBeans.boot(Map.of())) {
            assertNull(TransportBeans.vertx(container).listener());
            assertEquals(List.of(), transportThreads());
        }
    }

    @Test
    void stoppingClosesEveryConnectionWith1001AndLeavesNoThreadOrThreadLocal() throws Exception {
        // Netty's map on the thread that starts and stops the transport (a server thread, which Netty's map, a class of
        // the application's, would tie to the application): as though Netty had been called on it, as on Payara
        InternalThreadLocalMap.get();
        WeldContainer container = TransportBeans.boot(enabledOn(0));
        assertNull(InternalThreadLocalMap.getIfSet());
        InternalThreadLocalMap.get();
        URI ws = URI.create("ws://127.0.0.1:" + TransportBeans.vertx(container).port() + "/ws");
        try (RawWebSocket first = RawWebSocket.connect(ws, Map.of());
                RawWebSocket second = RawWebSocket.connect(ws, Map.of())) {
            first.sendText("{\"meta\":{\"id\":\"1\",\"endpoint\":\"nope:x\",\"method\":\"read\"},\"data\":{}}");
            assertTrue(first.nextText(WAIT).contains("\"status\":\"error\""));
            container.close();
            RawWebSocket.Close goingAway = new RawWebSocket.Close(1001, "server shutting down");
            assertEquals(goingAway, first.awaitClose(WAIT));
            assertEquals(goingAway, second.awaitClose(WAIT));
        }
        assertNull(InternalThreadLocalMap.getIfSet());
        awaitNoTransportThreads();
    }

    @Test
    void aPortInUseFailsTheStartNamingItAndLeavesNothingRunning() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            InternalThreadLocalMap.get();
            Throwable failure = assertThrows(RuntimeException.class,
                    () -> TransportBeans.boot(enabledOn(taken.getLocalPort())).close());
            while (!(failure instanceof IllegalStateException) && failure.getCause() != null) {
                failure = failure.getCause();
            }
            assertTrue(failure.getMessage().startsWith("the Vert.x transport could not start on 127.0.0.1:"
                    + taken.getLocalPort() + ": "), failure.getMessage());
        }
        assertNull(InternalThreadLocalMap.getIfSet());
        awaitNoTransportThreads();
    }
}
