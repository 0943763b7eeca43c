package io.yoctopus.demo.upload;

import io.yoctopus.api.HandlesBinary;
import io.yoctopus.api.Notifier;
import io.yoctopus.api.Plugin;
import io.yoctopus.api.Requires;
import io.yoctopus.demo.Demo;
import java.nio.ByteBuffer;
import java.util.Map;

/**
 * Binary frames for logged-in connections: each is answered with the notification
 * {@code {"type": "binary-processed", "data": {"size": <bytes>}}}; before login, with an error.
 */
@Plugin(value = "upload", enabledBy = Demo.ENABLED)
public class Upload {

    /** The notification type answering a binary frame. */
    public static final String PROCESSED = "binary-processed";

    @HandlesBinary
    @Requires(setting = "auth.authenticated", equals = "true")
    public void received(ByteBuffer bytes, Notifier notifier) {
        notifier.notify(PROCESSED, Map.of("size", bytes.remaining()));
    }
}
