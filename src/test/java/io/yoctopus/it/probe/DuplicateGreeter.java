package io.yoctopus.it.probe;

import io.yoctopus.api.Handles;
import io.yoctopus.api.Plugin;
import jakarta.enterprise.inject.Vetoed;

/** A plugin built in code under a name that is taken (the demo {@code greeter}). */
@Plugin("greeter")
@Vetoed
public class DuplicateGreeter {

    @Handles(endpoint = "hi", method = "read")
    public void hi() {
    }
}
