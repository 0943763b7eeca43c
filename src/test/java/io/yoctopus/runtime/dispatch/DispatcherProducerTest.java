package io.yoctopus.runtime.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yoctopus.api.Handles;
import io.yoctopus.api.Plugin;
import io.yoctopus.api.Plugins;
import io.yoctopus.api.Subscription;
import io.yoctopus.api.events.RequestReceived;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The dispatcher as CDI makes it, under Weld SE: it keeps what is observed and the catalogue source from
 * the beans once, and still sees what the deployment observes and what is installed at run time.
 */
class DispatcherProducerTest extends DispatcherFixture {

    // ----- beans -----

    @Plugin("fixed")
    @ApplicationScoped
    public static class Fixed {
        @Handles(endpoint = "ping", method = "read")
        public Map<String, String> ping() {
            return Map.of("pong", "fixed");
        }
    }

    /** Installed at run time: not a bean. */
    @Plugin("late")
    public static class Late {
        @Handles(endpoint = "hello", method = "read")
        public Map<String, String> hello() {
            return Map.of("from", "late");
        }
    }

    @ApplicationScoped
    public static class Watcher {
        private final List<String> received = new CopyOnWriteArrayList<>();

        void received(@Observes RequestReceived event) {
            received.add(event.request().endpoint());
        }

        public List<String> received() {
            return received;
        }
    }

    // ----- fixture -----

    private WeldContainer container;

    @BeforeEach
    void boot() {
        container = boot(Fixed.class, Watcher.class);
        dispatcher = container.select(Dispatcher.class).get();
    }

    @AfterEach
    void shutDown() {
        container.close();
    }

    private String send(String endpoint) {
        handle(connection, "{\"meta\":{\"id\":1,\"endpoint\":\"" + endpoint + "\",\"method\":\"read\"}}");
        return next();
    }

    // ----- tests -----

    @Test
    void theDeploymentsObserversSeeEveryRequest() {
        assertEquals("{\"meta\":{\"id\":1,\"endpoint\":\"fixed:ping\",\"method\":\"read\",\"status\":\"ok\"},"
                + "\"data\":{\"pong\":\"fixed\"}}", send("fixed:ping"));
        send("fixed:ping");
        assertEquals(List.of("fixed:ping", "fixed:ping"), container.select(Watcher.class).get().received());
    }

    @Test
    void theNextRequestSeesAPluginInstalledOrRemovedAtRunTime() {
        assertTrue(send("late:hello").contains("\"error\":\"unknown endpoint 'late:hello'\""));

        Subscription installed = container.select(Plugins.class).get().install(new Late());
        assertEquals("{\"meta\":{\"id\":1,\"endpoint\":\"late:hello\",\"method\":\"read\",\"status\":\"ok\"},"
                + "\"data\":{\"from\":\"late\"}}", send("late:hello"));

        installed.close();
        assertTrue(send("late:hello").contains("\"error\":\"unknown endpoint 'late:hello'\""));
        assertEquals(List.of("late:hello"), container.select(Watcher.class).get().received(),
                "only a routed request is received");
    }
}
