package io.yoctopus.api;

/**
 * A logger for handlers: every entry is tagged with the plugin and the connection, and goes to the
 * server log through {@code java.util.logging}.
 */
public interface PluginLog {

    void debug(String message);

    void info(String message);

    void warn(String message);

    void error(String message, Throwable cause);
}
