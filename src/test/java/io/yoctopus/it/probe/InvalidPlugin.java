package io.yoctopus.it.probe;

import io.yoctopus.api.Handles;
import io.yoctopus.api.Plugin;
import io.yoctopus.api.Requires;
import jakarta.enterprise.inject.Vetoed;
import java.util.Map;

/** A plugin built in code with three declaration problems: installing it must fail and change nothing. */
@Plugin("invalid")
@Vetoed
public class InvalidPlugin {

    @Handles(endpoint = "hidden", method = "read")
    Map<String, Object> hidden() {
        return Map.of();
    }

    @Handles(endpoint = "two", method = "read")
    public void two(Text first, Steps second) {
    }

    @Handles(endpoint = "guarded", method = "read")
    @Requires(setting = "invalid.nope", equals = "true")
    public void guarded() {
    }
}
