package io.yoctopus.runtime.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yoctopus.api.LogEntry;
import io.yoctopus.api.Subscription;
import io.yoctopus.runtime.testing.CapturedLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The log hub under CDI (Weld SE): the framework's log records reach subscribers and observers of
 * {@link LogEntry} while the application runs, none of theirs loops back, and none of their failures escapes.
 */
class LogHubTest {

    /** An observer of log entries, as a plugin would have; fails when told to. */
    @ApplicationScoped
    public static class EntryObserver {
        static final List<LogEntry> SEEN = new CopyOnWriteArrayList<>();
        static volatile boolean fail;

        void observe(@Observes LogEntry entry) {
            SEEN.add(entry);
            if (fail) {
                throw new IllegalStateException("observer failed");
            }
        }
    }

    /** A logger of the framework's namespace, as any of its classes has. */
    private final Logger framework = Logger.getLogger(LogHub.NAMESPACE + ".test.Component");
    private final List<LogEntry> received = new CopyOnWriteArrayList<>();
    private WeldContainer container;
    private LogHub hub;
    private Level level;

    @BeforeEach
    void boot() {
        EntryObserver.SEEN.clear();
        EntryObserver.fail = false;
        container = new Weld().disableDiscovery().beanClasses(LogHub.class, EntryObserver.class).initialize();
        hub = container.select(LogHub.class).get();
        level = framework.getLevel();
        framework.setLevel(Level.ALL);
        // the hub's own warnings would go to the console as well: this test provokes them
        Logger.getLogger(LogHub.class.getName()).setUseParentHandlers(false);
    }

    @AfterEach
    void shutDown() {
        if (container.isRunning()) {
            container.close();
        }
        framework.setLevel(level);
        Logger.getLogger(LogHub.class.getName()).setUseParentHandlers(true);
    }

    private List<String> texts(List<LogEntry> entries) {
        return entries.stream().map(entry -> entry.level() + " " + entry.message()).toList();
    }

    @Test
    void theFrameworksRecordsReachSubscribersAndObservers() {
        hub.subscribe(received::add);
        Instant before = Instant.now();
        framework.info("one");
        framework.warning("two");
        assertEquals(List.of("INFO one", "WARNING two"), texts(received));
        assertEquals(List.of("INFO one", "WARNING two"), texts(EntryObserver.SEEN));
        LogEntry first = received.get(0);
        assertEquals(Optional.empty(), first.plugin());
        assertEquals(Optional.empty(), first.connectionId());
        assertTrue(!first.time().isBefore(before) && !first.time().isAfter(Instant.now()));
    }

    @Test
    void aTaggedRecordGivesItsTagsAsFieldsAndItsTextWithoutThem() {
        hub.subscribe(received::add);
        framework.log(new TaggedRecord(Level.INFO, "joined", "chat", "c-1", null));
        LogEntry entry = received.get(0);
        assertEquals("joined", entry.message());
        assertEquals(Optional.of("chat"), entry.plugin());
        assertEquals(Optional.of("c-1"), entry.connectionId());
    }

    @Test
    void otherLoggersAreNotPublished() {
        hub.subscribe(received::add);
        Logger.getLogger("org.example.Other").warning("not ours");
        assertEquals(List.of(), received);
    }

    @Test
    void aSubscriberThatFailsDoesNotStopTheOthersAndItsFailureIsNotPublishedAgain() {
        try (CapturedLog hubLog = CapturedLog.of(LogHub.class, Level.ALL)) {
            hub.subscribe(entry -> {
                throw new IllegalStateException("subscriber failed");
            });
            hub.subscribe(received::add);
            framework.info("one");
            assertEquals(List.of("INFO one"), texts(received), "the hub's warning about it is not published");
            assertEquals(List.of("a log subscriber failed"),
                    hubLog.records().stream().map(LogRecord::getMessage).toList());
            framework.info("two");
            assertEquals(List.of("INFO one", "INFO two"), texts(received));
        }
    }

    @Test
    void whatASubscriberLogsIsNotPublishedBackToIt() {
        hub.subscribe(entry -> {
            received.add(entry);
            framework.info("logged by the subscriber about " + entry.message());
        });
        framework.info("one");
        framework.info("two");
        assertEquals(List.of("INFO one", "INFO two"), texts(received));
    }

    @Test
    void anObserverThatFailsIsLoggedAndNotThrownAtWhoeverLogged() {
        hub.subscribe(received::add);
        EntryObserver.fail = true;
        framework.info("one");
        framework.info("two");
        assertEquals(List.of("INFO one", "INFO two"), texts(received));
    }

    @Test
    void aClosedSubscriptionReceivesNoMore() {
        Subscription subscription = hub.subscribe(received::add);
        framework.info("one");
        subscription.close();
        framework.info("two");
        assertEquals(List.of("INFO one"), texts(received));
    }

    @Test
    void onceTheApplicationStopsNothingIsPublished() {
        hub.subscribe(received::add);
        container.close();
        framework.info("after");
        assertEquals(List.of(), received);
        assertEquals(List.of(), EntryObserver.SEEN);
    }
}
