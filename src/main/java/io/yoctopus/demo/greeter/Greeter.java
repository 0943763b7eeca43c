package io.yoctopus.demo.greeter;

import io.yoctopus.api.Handles;
import io.yoctopus.api.NonBlocking;
import io.yoctopus.api.Plugin;
import io.yoctopus.demo.Demo;
import java.util.Map;

/** {@code greeter:hello} {@code read} {@code {name}} → {@code {"message": "Hello, <name>!"}}. */
@Plugin(value = "greeter", enabledBy = Demo.ENABLED)
public class Greeter {

    /** The request format {@code {name: string}}. */
    public record Hello(String name) {
    }

    @Handles(endpoint = "hello", method = "read")
    @NonBlocking
    public Map<String, String> hello(Hello request) {
        return Map.of("message", "Hello, " + request.name() + "!");
    }
}
