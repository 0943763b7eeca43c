package io.yoctopus.runtime.events;

import jakarta.enterprise.event.Event;

/** Fires framework events the same way everywhere. */
public final class Events {

    private Events() {
    }

    /**
     * Fires to the synchronous observers, then, if the application has any, to the asynchronous ones
     * (they get the event even when a synchronous observer throws; the exception is then rethrown).
     *
     * @param async whether asynchronous observers of this event type exist, known since deployment
     */
    public static <T> void fire(Event<T> event, T payload, boolean async) {
        try {
            event.fire(payload);
        } finally {
            if (async) {
                event.fireAsync(payload);
            }
        }
    }
}
