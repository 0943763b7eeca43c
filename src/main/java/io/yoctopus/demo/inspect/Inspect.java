package io.yoctopus.demo.inspect;

import io.yoctopus.api.ConnectionSettings;
import io.yoctopus.api.Handles;
import io.yoctopus.api.NonBlocking;
import io.yoctopus.api.Plugin;
import io.yoctopus.demo.Demo;
import java.util.Map;

/** {@code inspect:connection} {@code read}: the connection's whole settings store, {@code {plugin: {key: value}}}. */
@Plugin(value = "inspect", enabledBy = Demo.ENABLED)
public class Inspect {

    @Handles(endpoint = "connection", method = "read")
    @NonBlocking
    public Map<String, Map<String, Object>> connection(ConnectionSettings settings) {
        return settings.export();
    }
}
