package io.yoctopus.runtime.logging;

import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * A log record that names the plugin and connection it concerns. The server log shows the tags in the
 * message; log subscribers get them as fields.
 */
public final class TaggedRecord extends LogRecord {

    private static final long serialVersionUID = 1L;

    private final String plugin;
    private final String connectionId;
    private final String text;

    public TaggedRecord(Level level, String text, String plugin, String connectionId, Throwable cause) {
        super(level, prefix(plugin, connectionId) + text);
        this.plugin = plugin;
        this.connectionId = connectionId;
        this.text = text;
        setThrown(cause);
    }

    private static String prefix(String plugin, String connectionId) {
        return (plugin == null ? "" : "[" + plugin + "] ") + (connectionId == null ? "" : "[" + connectionId + "] ");
    }

    /** The plugin, or null. */
    public String plugin() {
        return plugin;
    }

    /** The connection id, or null. */
    public String connectionId() {
        return connectionId;
    }

    /** The message without tags. */
    public String text() {
        return text;
    }
}
