package io.yoctopus.runtime.logging;

import java.util.Collections;
import java.util.Enumeration;
import java.util.ResourceBundle;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * A log record that names the plugin and connection it concerns. The server log shows the tags in the
 * message; log subscribers get them as fields.
 *
 * <p>The tags travel as the record's resource bundle ({@link Tags}), because the record itself may not reach
 * the framework's handler: WildFly's log manager hands handlers its own record made from this one (JBoss
 * LogManager's {@code ExtLogRecord.wrap}), which keeps the message, level, time and resource bundle but
 * not the class. The bundle translates every message into itself, so no formatter changes the text.
 */
public final class TaggedRecord extends LogRecord {

    private static final long serialVersionUID = 1L;

    public TaggedRecord(Level level, String text, String plugin, String connectionId, Throwable cause) {
        super(level, prefix(plugin, connectionId) + text);
        setResourceBundle(new Tags(plugin, connectionId, text));
        setThrown(cause);
    }

    private static String prefix(String plugin, String connectionId) {
        return (plugin == null ? "" : "[" + plugin + "] ") + (connectionId == null ? "" : "[" + connectionId + "] ");
    }

    /** The plugin, or null. */
    public String plugin() {
        return tags().plugin();
    }

    /** The connection id, or null. */
    public String connectionId() {
        return tags().connectionId();
    }

    /** The message without tags. */
    public String text() {
        return tags().text();
    }

    private Tags tags() {
        return (Tags) getResourceBundle();
    }

    /** The tags of {@code record}, or null when it has none (it was not made as a tagged record). */
    static Tags tagsOf(LogRecord record) {
        return record.getResourceBundle() instanceof Tags tags ? tags : null;
    }

    /** A record's tags, as its resource bundle: every key translates to itself. */
    static final class Tags extends ResourceBundle {

        private final String plugin;
        private final String connectionId;
        private final String text;

        Tags(String plugin, String connectionId, String text) {
            this.plugin = plugin;
            this.connectionId = connectionId;
            this.text = text;
        }

        String plugin() {
            return plugin;
        }

        String connectionId() {
            return connectionId;
        }

        String text() {
            return text;
        }

        @Override
        protected Object handleGetObject(String key) {
            return key;
        }

        @Override
        public Enumeration<String> getKeys() {
            return Collections.emptyEnumeration();
        }
    }
}
