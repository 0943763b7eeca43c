package io.yoctopus.plugins.core;

import io.yoctopus.api.Handles;
import io.yoctopus.api.Plugin;
import io.yoctopus.api.Reply;
import io.yoctopus.api.Setting;
import java.util.Map;

/**
 * The core plugin, always installed: connection metadata filled when a connection opens
 * ({@code isSecure}, {@code port}, {@code remoteAddress}) and a label the client may set.
 */
@Plugin("yoctopus")
@Setting(name = "label", type = String.class)
@Setting(name = "isSecure", type = Boolean.class)
@Setting(name = "port", type = Number.class)
@Setting(name = "remoteAddress", type = String.class)
public class CorePlugin {

    /** {@code yoctopus:label} {@code update}: the data is the label, a string. */
    @Handles(endpoint = "label", method = "update")
    public Reply label(String label) {
        return Reply.of(Map.of("label", label)).withSetting("label", label);
    }
}
