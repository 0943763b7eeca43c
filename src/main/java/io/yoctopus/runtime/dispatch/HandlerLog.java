package io.yoctopus.runtime.dispatch;

import io.yoctopus.api.PluginLog;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The {@link PluginLog} a handler receives: server log entries tagged with plugin and connection. */
final class HandlerLog implements PluginLog {

    private static final Logger LOG = Logger.getLogger("io.yoctopus.plugin");

    private final String prefix;

    HandlerLog(String plugin, String connectionId) {
        this.prefix = "[" + plugin + "] [" + connectionId + "] ";
    }

    @Override
    public void debug(String message) {
        LOG.fine(prefix + message);
    }

    @Override
    public void info(String message) {
        LOG.info(prefix + message);
    }

    @Override
    public void warn(String message) {
        LOG.warning(prefix + message);
    }

    @Override
    public void error(String message, Throwable cause) {
        LOG.log(Level.SEVERE, prefix + message, cause);
    }
}
