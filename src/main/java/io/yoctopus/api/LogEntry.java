package io.yoctopus.api;

import java.time.Instant;
import java.util.Optional;
import java.util.logging.Level;

/**
 * One entry of the framework's log, as {@link Logs} subscribers and observers of this CDI event receive
 * it. Entries written through a handler's {@link PluginLog} name their plugin and connection.
 */
public record LogEntry(Level level, String message, Optional<String> plugin, Optional<String> connectionId,
        Instant time) {
}
