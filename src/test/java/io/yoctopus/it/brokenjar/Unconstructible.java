package io.yoctopus.it.brokenjar;

import io.yoctopus.api.Handles;
import io.yoctopus.api.Plugin;
import java.util.Map;

/**
 * A plugin CDI cannot make (its only constructor takes a parameter, and it is not {@code @Vetoed} as a plugin made
 * in code would be): the deployment must fail, naming it, rather than leave it out in silence.
 */
@Plugin("unconstructible")
public class Unconstructible {

    private final String greeting;

    public Unconstructible(String greeting) {
        this.greeting = greeting;
    }

    @Handles(endpoint = "hello", method = "read")
    public Map<String, String> hello() {
        return Map.of("greeting", greeting);
    }
}
