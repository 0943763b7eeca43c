package io.yoctopus.runtime.dispatch;

import io.yoctopus.api.PluginLog;
import io.yoctopus.runtime.logging.TaggedRecord;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The {@link PluginLog} a handler receives: log entries tagged with plugin and connection. */
final class HandlerLog implements PluginLog {

    private static final Logger LOG = Logger.getLogger("io.yoctopus.plugin");

    private final String plugin;
    private final String connectionId;

    HandlerLog(String plugin, String connectionId) {
        this.plugin = plugin;
        this.connectionId = connectionId;
    }

    @Override
    public void debug(String message) {
        log(Level.FINE, message, null);
    }

    @Override
    public void info(String message) {
        log(Level.INFO, message, null);
    }

    @Override
    public void warn(String message) {
        log(Level.WARNING, message, null);
    }

    @Override
    public void error(String message, Throwable cause) {
        log(Level.SEVERE, message, cause);
    }

    private void log(Level level, String message, Throwable cause) {
        if (LOG.isLoggable(level)) {
            TaggedRecord record = new TaggedRecord(level, message, plugin, connectionId, cause);
            record.setLoggerName(LOG.getName());
            LOG.log(record);
        }
    }
}
