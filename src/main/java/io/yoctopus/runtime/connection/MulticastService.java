package io.yoctopus.runtime.connection;

import io.yoctopus.api.Multicast;
import io.yoctopus.runtime.json.Messages;
import io.yoctopus.runtime.json.JsonCodec;
import io.yoctopus.runtime.metrics.Metrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.Map;

/**
 * Sends one notification, serialized once, to every open connection whose settings match a filter: on this instance
 * here, and on the other instances of a cluster by handing them the filter and the notification's text once; counts
 * how many connections of this instance each multicast reached.
 */
@ApplicationScoped
public class MulticastService implements Multicast {

    private ConnectionRegistry connections;
    private JsonCodec json;
    private Messages messages;
    private Metrics metrics;

    @Inject
    public MulticastService(ConnectionRegistry connections, JsonCodec json, Metrics metrics) {
        this.connections = connections;
        this.json = json;
        this.messages = new Messages(json);
        this.metrics = metrics;
    }

    /** For the proxy only. */
    protected MulticastService() {
    }

    @Override
    public int send(Map<String, ? extends Map<String, ?>> filter, String type, Object data) {
        JsonValue filterJson = json.toJsonValue(filter);
        SettingsFilter matcher = new SettingsFilter((JsonObject) filterJson);
        String notification = messages.notification(type, json.write(data));
        OtherInstances others = connections.others();
        if (others.any()) {
            others.multicast(filterJson.toString(), notification);
        }
        return deliver(matcher, notification);
    }

    /**
     * Sends a notification, serialized already, to this instance's open connections that match, as a send to many
     * (the heartbeat gives way meanwhile), and counts how many it reached; @return how many. Where a multicast from
     * another instance arrives too.
     */
    public int deliver(SettingsFilter matcher, String notification) {
        int receivers = connections.notifyEach(connection -> matcher.matches(connection.settings().snapshot()),
                notification);
        metrics.multicast(receivers);
        return receivers;
    }
}
