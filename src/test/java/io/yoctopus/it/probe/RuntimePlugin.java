package io.yoctopus.it.probe;

import io.yoctopus.api.Handles;
import io.yoctopus.api.Plugin;
import io.yoctopus.api.Reply;
import io.yoctopus.api.Requires;
import io.yoctopus.api.Setting;
import jakarta.enterprise.inject.Vetoed;
import java.util.Map;

/**
 * A plugin built in code and installed at run time through {@code Plugins.install}: not a CDI bean
 * ({@code @Vetoed}, and no default constructor); its state comes from its constructor.
 */
@Plugin("runtime")
@Setting(name = "greeted", type = Boolean.class)
@Vetoed
public class RuntimePlugin {

    private final String greeting;

    public RuntimePlugin(String greeting) {
        this.greeting = greeting;
    }

    @Handles(endpoint = "hello", method = "read")
    public Reply hello(Text name) {
        return Reply.of(Map.of("message", greeting + ", " + name.text() + "!")).withSetting("greeted", true);
    }

    @Handles(endpoint = "secret", method = "read")
    @Requires(setting = "runtime.greeted", equals = "true")
    public Map<String, Object> secret() {
        return Map.of("greeting", greeting);
    }
}
