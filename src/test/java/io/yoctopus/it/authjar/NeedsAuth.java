package io.yoctopus.it.authjar;

import io.yoctopus.api.Handles;
import io.yoctopus.api.Plugin;
import io.yoctopus.api.Requires;
import java.util.Map;

/** A plugin that needs the demo's {@code auth} and nothing else of the demo: deployed with auth switched on alone. */
@Plugin("needs-auth")
public class NeedsAuth {

    @Handles(endpoint = "secret", method = "read")
    @Requires(setting = "auth.authenticated", equals = "true")
    public Map<String, String> secret() {
        return Map.of("secret", "42");
    }
}
