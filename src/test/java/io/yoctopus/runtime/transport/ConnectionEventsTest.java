package io.yoctopus.runtime.transport;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.yoctopus.api.events.ConnectionOpened;
import io.yoctopus.api.events.YoctopusError;
import io.yoctopus.runtime.catalogue.PluginExtension;
import io.yoctopus.runtime.connection.Connection;
import io.yoctopus.runtime.json.JsonProducer;
import io.yoctopus.runtime.testing.Quietly;
import io.yoctopus.testing.RecordingSink;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The transport's lifecycle events under CDI (Weld SE): to synchronous and asynchronous observers, failures reported. */
class ConnectionEventsTest {

    private static final long WAIT_SECONDS = 5;

    /** Observes what a plugin would; fails when told to. */
    @ApplicationScoped
    public static class Observers {
        static final BlockingQueue<ConnectionOpened> OPENED = new LinkedBlockingQueue<>();
        static final BlockingQueue<ConnectionOpened> OPENED_ASYNC = new LinkedBlockingQueue<>();
        static final BlockingQueue<YoctopusError> ERRORS = new LinkedBlockingQueue<>();
        static final BlockingQueue<YoctopusError> ERRORS_ASYNC = new LinkedBlockingQueue<>();
        static volatile RuntimeException openedFailure;
        static volatile RuntimeException errorFailure;

        void opened(@Observes ConnectionOpened event) {
            OPENED.add(event);
            RuntimeException failure = openedFailure;
            if (failure != null) {
                throw failure;
            }
        }

        void openedAsync(@ObservesAsync ConnectionOpened event) {
            OPENED_ASYNC.add(event);
        }

        void failed(@Observes YoctopusError error) {
            ERRORS.add(error);
            RuntimeException failure = errorFailure;
            if (failure != null) {
                throw failure;
            }
        }

        void failedAsync(@ObservesAsync YoctopusError error) {
            ERRORS_ASYNC.add(error);
        }
    }

    private static WeldContainer container;
    private static ConnectionEvents events;

    @BeforeAll
    static void boot() {
        container = new Weld().disableDiscovery()
                .beanClasses(JsonProducer.class, ConnectionEvents.class, Observers.class)
                .addExtension(new PluginExtension())
                .initialize();
        events = container.select(ConnectionEvents.class).get();
    }

    @AfterAll
    static void shutDown() {
        container.close();
    }

    @BeforeEach
    void clear() {
        Observers.OPENED.clear();
        Observers.OPENED_ASYNC.clear();
        Observers.ERRORS.clear();
        Observers.ERRORS_ASYNC.clear();
        Observers.openedFailure = null;
        Observers.errorFailure = null;
    }

    private static <T> T next(BlockingQueue<T> queue) throws InterruptedException {
        T item = queue.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(item, "nothing was observed");
        return item;
    }

    /**
     * Waits for one event (failing when it does not come): an asynchronous event of an earlier test may still
     * arrive after that test (the observers outlive the tests), and is passed over.
     */
    private static <T> T nextOf(BlockingQueue<T> queue, T expected) throws InterruptedException {
        T event = next(queue);
        while (event != expected) {
            event = next(queue);
        }
        return event;
    }

    @Test
    void openedCarriesTheConnectionsSettingsANotifierAndTheHeaders() throws InterruptedException {
        RecordingSink sink = new RecordingSink();
        Connection connection = new Connection("c-1", sink);
        connection.settings().apply("yoctopus", Map.of("isSecure", JsonValue.TRUE));
        Map<String, List<String>> headers = Map.of("Origin", List.of("https://a.example"));
        events.opened(connection, headers);

        ConnectionOpened opened = next(Observers.OPENED);
        assertEquals("c-1", opened.connectionId());
        assertEquals(Optional.of(true), opened.settings().get("yoctopus", "isSecure"));
        assertEquals(headers, opened.headers());
        opened.notifier().notify("welcome", Map.of("n", 1));
        assertEquals(List.of("send {\"meta\":{\"method\":\"notify\",\"type\":\"welcome\"},\"data\":{\"n\":1}}"),
                sink.calls());
        assertSame(opened, nextOf(Observers.OPENED_ASYNC, opened), "asynchronous observers get it too");
    }

    @Test
    void anObserverThatFailsBecomesAListenerError() throws InterruptedException {
        IllegalStateException failure = new IllegalStateException("observer failed");
        Observers.openedFailure = failure;
        Quietly.run(ConnectionEvents.class, () -> events.opened(new Connection("c-2", new RecordingSink()), Map.of()));
        YoctopusError error = next(Observers.ERRORS);
        assertEquals(new YoctopusError(YoctopusError.Kind.LISTENER, Optional.of("c-2"),
                "an observer of ConnectionOpened failed", failure), error);
        assertSame(error, nextOf(Observers.ERRORS_ASYNC, error));
    }

    @Test
    void anErrorObserverThatFailsIsLoggedOnly() throws InterruptedException {
        Observers.errorFailure = new IllegalStateException("error observer failed");
        YoctopusError error = new YoctopusError(YoctopusError.Kind.TRANSPORT, Optional.empty(), "broken",
                new RuntimeException("cause"));
        assertDoesNotThrow(() -> Quietly.run(ConnectionEvents.class, () -> events.failed(error)));
        assertSame(error, next(Observers.ERRORS));
    }
}
