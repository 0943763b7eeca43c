package io.yoctopus.api.events;

import io.yoctopus.api.ConnectionSettings;
import io.yoctopus.api.Notifier;
import io.yoctopus.api.Request;

/** What every event about one request carries: the request and its connection. */
public abstract class RequestEvent {

    private final Request request;
    private final String connectionId;
    private final ConnectionSettings settings;
    private final Notifier notifier;

    protected RequestEvent(Request request, String connectionId, ConnectionSettings settings, Notifier notifier) {
        this.request = request;
        this.connectionId = connectionId;
        this.settings = settings;
        this.notifier = notifier;
    }

    /** The request as the client sent it. */
    public Request request() {
        return request;
    }

    public String connectionId() {
        return connectionId;
    }

    /** The connection's settings as the request sees them, read-only. */
    public ConnectionSettings settings() {
        return settings;
    }

    /** Pushes notifications to the connection. */
    public Notifier notifier() {
        return notifier;
    }
}
