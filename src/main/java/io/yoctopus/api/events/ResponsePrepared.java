package io.yoctopus.api.events;

import io.yoctopus.api.ConnectionSettings;
import io.yoctopus.api.Notifier;
import io.yoctopus.api.Request;

/**
 * A handler's response is ready, before it is serialized and sent and before the request's setting
 * changes are applied (the settings show them already). A synchronous observer may replace the response
 * with any value JSON-B can serialize; observers apply in {@code @Priority} order. Error responses are
 * not prepared this way.
 */
public final class ResponsePrepared extends RequestEvent {

    private Object response;

    public ResponsePrepared(Request request, String connectionId, ConnectionSettings settings, Notifier notifier,
            Object response) {
        super(request, connectionId, settings, notifier);
        this.response = response;
    }

    /** The response data: the handler's, or the last replacement; {@code null} is sent as {@code {}}. */
    public Object response() {
        return response;
    }

    public void replaceResponse(Object replacement) {
        this.response = replacement;
    }
}
