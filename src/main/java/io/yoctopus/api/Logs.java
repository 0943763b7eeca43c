package io.yoctopus.api;

import java.util.function.Consumer;

/**
 * Subscribes to the framework's log entries (the Node version's {@code server.subscribeToLogs}). Entries
 * also go to the server log through {@code java.util.logging}, and each is fired as a {@link LogEntry}
 * CDI event. Subscribers run on the thread that logged; they must be quick and must not throw.
 */
@FunctionalInterface
public interface Logs {

    /** Calls {@code subscriber} with every entry from now on, until the subscription is closed. */
    Subscription subscribe(Consumer<LogEntry> subscriber);
}
