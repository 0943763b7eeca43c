package io.yoctopus.it.brokenjar;

import io.yoctopus.api.Handles;
import io.yoctopus.api.Plugin;
import io.yoctopus.api.Requires;

/** A plugin that requires a setting of the demo's {@code chat}, deployed where the demo is off. */
@Plugin("needs-chat")
public class NeedsChat {

    @Handles(endpoint = "lobby", method = "read")
    @Requires(setting = "chat.room", equals = "lobby")
    public void lobby() {
    }
}
