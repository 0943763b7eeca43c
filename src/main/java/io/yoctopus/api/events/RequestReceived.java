package io.yoctopus.api.events;

import io.yoctopus.api.ConnectionSettings;
import io.yoctopus.api.Notifier;
import io.yoctopus.api.Request;
import jakarta.json.JsonValue;

/**
 * A request arrived and was routed, before its data is validated and its handler runs. A synchronous
 * observer may replace the data (validation then applies to the replacement); observers apply in
 * {@code @Priority} order. Throwing {@link io.yoctopus.api.RequestRejected} answers with an error.
 */
public final class RequestReceived extends RequestEvent {

    private JsonValue data;

    public RequestReceived(Request request, String connectionId, ConnectionSettings settings, Notifier notifier) {
        super(request, connectionId, settings, notifier);
        this.data = request.data();
    }

    /** The data as the handler will receive it: the client's, or the last replacement. */
    public JsonValue data() {
        return data;
    }

    /** Replaces the request data; {@code null} stands for JSON null. */
    public void replaceData(JsonValue replacement) {
        this.data = replacement == null ? JsonValue.NULL : replacement;
    }
}
