package io.yoctopus.demo.formats;

import io.yoctopus.api.Handles;
import io.yoctopus.api.NonBlocking;
import io.yoctopus.api.Plugin;
import io.yoctopus.api.Request;
import io.yoctopus.demo.Demo;
import jakarta.json.JsonValue;

/** {@code formats:all-types} {@code create}: validates every format type, then echoes the data back. */
@Plugin(value = "formats", enabledBy = Demo.ENABLED)
public class Formats {

    @Handles(endpoint = "all-types", method = "create")
    @NonBlocking
    public JsonValue allTypes(AllTypes valid, Request request) {
        return request.data();
    }
}
