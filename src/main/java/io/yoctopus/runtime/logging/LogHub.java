package io.yoctopus.runtime.logging;

import io.yoctopus.api.LogEntry;
import io.yoctopus.api.Logs;
import io.yoctopus.api.Subscription;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Hands the framework's log records (every logger under {@code io.yoctopus}) to log subscribers and to
 * observers of {@link LogEntry}, while they still go to the server log as usual. Attached while the
 * application runs, detached when it stops.
 */
@ApplicationScoped
public class LogHub implements Logs {

    /** The logger namespace whose records are published. */
    public static final String NAMESPACE = "io.yoctopus";

    private static final Logger LOG = Logger.getLogger(LogHub.class.getName());

    /** Held here: {@code java.util.logging} keeps loggers only weakly, and with them their handlers. */
    private final Logger namespace = Logger.getLogger(NAMESPACE);
    private final List<Consumer<LogEntry>> subscribers = new CopyOnWriteArrayList<>();
    private final ThreadLocal<Boolean> publishing = ThreadLocal.withInitial(() -> Boolean.FALSE);
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            LogHub.this.publish(record);
        }

        @Override
        public void flush() {
            // nothing buffered
        }

        @Override
        public void close() {
            // nothing held
        }
    };

    @Inject
    Event<LogEntry> entries;

    void attach(@Observes @Initialized(ApplicationScoped.class) Object application) {
        namespace.addHandler(handler);
    }

    @PreDestroy
    void detach() {
        namespace.removeHandler(handler);
    }

    @Override
    public Subscription subscribe(Consumer<LogEntry> subscriber) {
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    private void publish(LogRecord record) {
        if (publishing.get()) {
            return; // a subscriber or observer logged: not again, or it would loop
        }
        publishing.set(Boolean.TRUE);
        try {
            LogEntry entry = entryOf(record);
            for (Consumer<LogEntry> subscriber : subscribers) {
                try {
                    subscriber.accept(entry);
                } catch (RuntimeException failure) {
                    LOG.log(Level.WARNING, "a log subscriber failed", failure);
                }
            }
            entries.fire(entry);
        } catch (RuntimeException observerFailure) {
            LOG.log(Level.WARNING, "an observer of LogEntry failed", observerFailure);
        } finally {
            publishing.remove();
        }
    }

    /** The entry of {@code record}: a {@link TaggedRecord}, or any record made from one by the log manager, gives its tags. */
    static LogEntry entryOf(LogRecord record) {
        TaggedRecord.Tags tags = TaggedRecord.tagsOf(record);
        if (tags != null) {
            return new LogEntry(record.getLevel(), tags.text(), Optional.ofNullable(tags.plugin()),
                    Optional.ofNullable(tags.connectionId()), record.getInstant());
        }
        return new LogEntry(record.getLevel(), record.getMessage(), Optional.empty(), Optional.empty(), record.getInstant());
    }
}
