package io.yoctopus.plugins.api;

import io.yoctopus.api.Handles;
import io.yoctopus.api.Multicast;
import io.yoctopus.api.Plugin;
import io.yoctopus.api.Plugins;
import io.yoctopus.api.Reply;
import io.yoctopus.api.Setting;
import io.yoctopus.api.events.CatalogueChanged;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.util.Map;

/**
 * The bundled {@code api} plugin: shows clients the server's endpoints with their request formats, and
 * tells subscribed connections when plugins are installed or removed. A subscription is a setting of
 * the connection, so it ends with the connection.
 */
@Plugin("api")
@Setting(name = "subscribed", type = Boolean.class)
public class ApiPlugin {

    /** The notification type subscribers receive, with the new catalogue as data. */
    public static final String CHANGED = "api-changed";

    private static final Map<String, Map<String, Boolean>> SUBSCRIBERS = Map.of("api", Map.of("subscribed", true));

    @Inject
    Plugins plugins;

    @Inject
    Multicast multicast;

    /** {@code api:api} {@code read}: {@code {address: {method: {requestFormat, requirements}}}}. */
    @Handles(endpoint = "api", method = "read")
    public JsonObject read() {
        return plugins.catalogue();
    }

    @Handles(endpoint = "api", method = "subscribe")
    public Reply subscribe() {
        return Reply.of(Map.of("subscribed", true)).withSetting("subscribed", true);
    }

    @Handles(endpoint = "api", method = "unsubscribe")
    public Reply unsubscribe() {
        return Reply.of(Map.of("subscribed", false)).withSetting("subscribed", null);
    }

    void catalogueChanged(@Observes CatalogueChanged change) {
        multicast.send(SUBSCRIBERS, CHANGED, change.catalogue());
    }
}
