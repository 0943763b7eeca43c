package io.yoctopus.runtime.connection;

import io.yoctopus.api.Multicast;
import io.yoctopus.runtime.json.Messages;
import io.yoctopus.runtime.json.JsonCodec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.Map;

/** Sends one notification, serialized once, to every open connection whose settings match a filter. */
@ApplicationScoped
public class MulticastService implements Multicast {

    private ConnectionRegistry connections;
    private JsonCodec json;
    private Messages messages;

    @Inject
    public MulticastService(ConnectionRegistry connections, JsonCodec json) {
        this.connections = connections;
        this.json = json;
        this.messages = new Messages(json);
    }

    /** For the proxy only. */
    protected MulticastService() {
    }

    @Override
    public int send(Map<String, ? extends Map<String, ?>> filter, String type, Object data) {
        JsonValue filterJson = json.toJsonValue(filter);
        SettingsFilter matcher = new SettingsFilter((JsonObject) filterJson);
        String notification = messages.notification(type, json.write(data));
        return connections.sendToMany(() -> {
            int receivers = 0;
            for (Connection connection : connections.open()) {
                if (matcher.matches(connection.settings().snapshot())) {
                    connection.send(notification);
                    receivers++;
                }
            }
            return receivers;
        });
    }
}
