package io.yoctopus.runtime.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.yoctopus.api.ConnectionSettings;
import io.yoctopus.api.Notifier;
import io.yoctopus.api.Request;
import io.yoctopus.api.RequestRejected;
import io.yoctopus.api.events.ConnectionChanged;
import io.yoctopus.api.events.RequestReceived;
import io.yoctopus.api.events.ResponsePrepared;
import io.yoctopus.api.events.ResponseSent;
import io.yoctopus.api.events.SettingChanged;
import io.yoctopus.api.events.SettingOf;
import io.yoctopus.api.events.YoctopusError;
import io.yoctopus.runtime.catalogue.PluginExtension;
import io.yoctopus.runtime.dispatch.RequestEvents;
import io.yoctopus.testing.Logs;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The dispatcher's events as CDI events, under Weld SE: what the deployment observes decides what the
 * dispatcher fires, each event reaches its observers (qualified, synchronous and asynchronous), and an
 * observer's failure reaches the dispatcher only where it may change the request.
 */
class CdiRequestEventsTest {

    private static final long WAIT_SECONDS = 10;
    private static final Request REQUEST = new Request(JsonValue.NULL, "greeter:hello", "read", JsonValue.EMPTY_JSON_OBJECT);
    private static final ConnectionSettings NO_SETTINGS = new ConnectionSettings() {
        @Override
        public Optional<Object> get(String plugin, String key) {
            return Optional.empty();
        }

        @Override
        public <T> Optional<T> get(String plugin, String key, Class<T> type) {
            return Optional.empty();
        }

        @Override
        public void set(String key, Object value) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Map<String, Map<String, Object>> export() {
            return Map.of();
        }
    };
    private static final Notifier NO_NOTIFIER = (type, data) -> {
    };

    // ----- observers -----

    /** Where the observers write what they saw, in order; asynchronous ones from other threads. */
    @ApplicationScoped
    public static class Journal {
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

        void add(String line) {
            lines.add(line);
        }

        String next() throws InterruptedException {
            String line = lines.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            assertNotNull(line, "no observer was notified");
            return line;
        }

        /**
         * Fails if a line is written within a quarter of a second: an asynchronous observer notified at all is
         * notified at once, on an idle pool thread, far sooner than that.
         */
        void assertNothingMore() throws InterruptedException {
            assertNull(lines.poll(250, TimeUnit.MILLISECONDS), "no further observer should have been notified");
        }
    }

    @ApplicationScoped
    public static class ReceivedObserver {
        @Inject
        Journal journal;

        void received(@Observes RequestReceived event) {
            journal.add("received " + event.request().endpoint());
            if (event.data() == JsonValue.NULL) {
                throw new RequestRejected("no data");
            }
            event.replaceData(JsonValue.TRUE);
        }
    }

    @ApplicationScoped
    public static class PreparedObserver {
        @Inject
        Journal journal;

        void prepared(@Observes ResponsePrepared event) {
            journal.add("prepared " + event.response());
            event.replaceResponse("replaced");
        }
    }

    @ApplicationScoped
    public static class SentObserver {
        @Inject
        Journal journal;

        void sent(@Observes ResponseSent event) {
            journal.add("sent " + event.message());
        }
    }

    @ApplicationScoped
    public static class AsyncSentObserver {
        @Inject
        Journal journal;

        void sent(@ObservesAsync ResponseSent event) {
            journal.add("sent later " + event.message());
        }
    }

    /** Watches one setting only, and every connection change from another thread. */
    @ApplicationScoped
    public static class UserIdObserver {
        @Inject
        Journal journal;

        void userId(@Observes @SettingOf(plugin = "auth", setting = "userId") SettingChanged change) {
            journal.add("userId " + change.oldValue().orElse("-") + " -> " + change.newValue().orElse("-"));
        }

        void connection(@ObservesAsync ConnectionChanged change) {
            journal.add("connection later " + change.changes().size());
        }
    }

    /** Synchronous observers that fail, next to asynchronous ones that must still be notified. */
    @ApplicationScoped
    public static class FailingObservers {
        @Inject
        Journal journal;

        void setting(@Observes SettingChanged change) {
            throw new IllegalStateException("setting observer bug");
        }

        void settingLater(@ObservesAsync SettingChanged change) {
            journal.add("setting later " + change.setting());
        }

        void error(@Observes YoctopusError error) {
            throw new IllegalStateException("error observer bug");
        }

        void errorLater(@ObservesAsync YoctopusError error) {
            journal.add("error later " + error.message());
        }
    }

    // ----- fixture -----

    private WeldContainer container;

    @AfterEach
    void shutDown() {
        if (container != null) {
            container.close();
        }
    }

    private RequestEvents boot(Class<?>... observers) {
        container = new Weld()
                .disableDiscovery()
                .beanClasses(CdiRequestEvents.class, Journal.class)
                .addBeanClasses(observers)
                .addExtension(new PluginExtension())
                .initialize();
        return container.select(RequestEvents.class).get();
    }

    private Journal journal() {
        return container.select(Journal.class).get();
    }

    private static List<Boolean> observed(RequestEvents events) {
        return List.of(events.observesReceived(), events.observesPrepared(), events.observesSent());
    }

    private static SettingChanged change(String setting, Object from, Object to) {
        return new SettingChanged("c-1", "auth", setting, Optional.ofNullable(from), Optional.ofNullable(to));
    }

    /** Runs {@code action} with the events' log off: for observer failures a test causes on purpose. */
    private static void quietly(Runnable action) {
        Logs.quietly(CdiRequestEvents.class, action);
    }

    // ----- what is observed -----

    @Test
    void aDeploymentWithoutObserversObservesNothing() {
        assertEquals(List.of(false, false, false), observed(boot()));
    }

    @Test
    void eachRequestEventIsObservedOnlyWhenTheDeploymentHasAnObserverOfIt() {
        assertEquals(List.of(true, false, false), observed(boot(ReceivedObserver.class)));
        container.close();
        assertEquals(List.of(false, true, false), observed(boot(PreparedObserver.class)));
        container.close();
        assertEquals(List.of(false, false, true), observed(boot(SentObserver.class)));
        container.close();
        assertEquals(List.of(false, false, true), observed(boot(AsyncSentObserver.class)),
                "an asynchronous observer of the sent event counts");
    }

    // ----- the request events -----

    @Test
    void theReceivedObserversMayReplaceTheDataOrRejectTheRequest() throws InterruptedException {
        RequestEvents events = boot(ReceivedObserver.class);
        RequestReceived received = new RequestReceived(REQUEST, "c-1", NO_SETTINGS, NO_NOTIFIER);
        events.received(received);
        assertEquals(JsonValue.TRUE, received.data());
        assertEquals("received greeter:hello", journal().next());

        RequestReceived empty = new RequestReceived(new Request(JsonValue.NULL, "greeter:hello", "read", JsonValue.NULL),
                "c-1", NO_SETTINGS, NO_NOTIFIER);
        RequestRejected rejected = assertThrows(RequestRejected.class, () -> events.received(empty));
        assertEquals(List.of("no data"), rejected.errors());
    }

    @Test
    void thePreparedObserversMayReplaceTheResponse() throws InterruptedException {
        RequestEvents events = boot(PreparedObserver.class);
        ResponsePrepared prepared = new ResponsePrepared(REQUEST, "c-1", NO_SETTINGS, NO_NOTIFIER, "original");
        events.prepared(prepared);
        assertEquals("replaced", prepared.response());
        assertEquals("prepared original", journal().next());
    }

    @Test
    void theSentEventReachesSynchronousAndAsynchronousObservers() throws InterruptedException {
        RequestEvents events = boot(SentObserver.class, AsyncSentObserver.class);
        events.sent(new ResponseSent(REQUEST, "c-1", NO_SETTINGS, NO_NOTIFIER, true, "{\"m\":1}"));
        assertEquals("sent {\"m\":1}", journal().next(), "the synchronous observer runs first, on this thread");
        assertEquals("sent later {\"m\":1}", journal().next());
    }

    @Test
    void anAsynchronousOnlyObserverOfTheSentEventIsNotified() throws InterruptedException {
        RequestEvents events = boot(AsyncSentObserver.class);
        events.sent(new ResponseSent(REQUEST, "c-1", NO_SETTINGS, NO_NOTIFIER, false, "{\"m\":2}"));
        assertEquals("sent later {\"m\":2}", journal().next());
    }

    // ----- settings and errors -----

    @Test
    void eachSettingChangeGoesToTheObserversOfThatSettingThenTheConnectionChangeToAll() throws InterruptedException {
        RequestEvents events = boot(UserIdObserver.class);
        List<SettingChanged> changes = List.of(change("authenticated", null, true), change("userId", "ann", "bob"),
                change("isAdmin", true, null));
        events.changed(changes, new ConnectionChanged("c-1", changes, NO_SETTINGS, NO_NOTIFIER));
        assertEquals("userId ann -> bob", journal().next(), "only the observed setting");
        assertEquals("connection later 3", journal().next());
        journal().assertNothingMore();
    }

    @Test
    void aFailingSynchronousObserverIsLoggedNotThrownAndTheAsynchronousOnesAreStillNotified()
            throws InterruptedException {
        RequestEvents events = boot(FailingObservers.class);
        List<SettingChanged> changes = List.of(change("userId", null, "ann"));
        quietly(() -> events.changed(changes, new ConnectionChanged("c-1", changes, NO_SETTINGS, NO_NOTIFIER)));
        assertEquals("setting later userId", journal().next());

        YoctopusError error = new YoctopusError(YoctopusError.Kind.ENDPOINT, Optional.of("c-1"), "handler failed",
                new IllegalStateException("bug"));
        quietly(() -> events.failed(error));
        assertEquals("error later handler failed", journal().next());
    }

    // ----- Events.fire -----

    @Test
    void firingReachesTheAsynchronousObserversEvenWhenASynchronousOneThrows() throws InterruptedException {
        boot(FailingObservers.class);
        YoctopusError error = new YoctopusError(YoctopusError.Kind.LISTENER, Optional.empty(), "direct", null);
        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> Events.fire(container.getBeanManager().getEvent().select(YoctopusError.class), error, true));
        assertEquals("error observer bug", thrown.getMessage());
        assertEquals("error later direct", journal().next());
    }

    @Test
    void firingWithoutAsynchronousObserversNotifiesOnlyTheSynchronousOnes() throws InterruptedException {
        boot(SentObserver.class, AsyncSentObserver.class);
        ResponseSent sent = new ResponseSent(REQUEST, "c-1", NO_SETTINGS, NO_NOTIFIER, true, "sync only");
        Events.fire(container.getBeanManager().getEvent().select(ResponseSent.class), sent, false);
        assertEquals("sent sync only", journal().next());
        journal().assertNothingMore();
    }
}
