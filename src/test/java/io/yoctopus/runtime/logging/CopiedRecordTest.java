package io.yoctopus.runtime.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.yoctopus.api.LogEntry;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.Test;

/**
 * A tagged record as a log manager may hand it to handlers: not the record logged but one made from it
 * (WildFly's JBoss LogManager wraps every foreign record), keeping level, message, time, thrown and resource
 * bundle. Its tags must still reach log subscribers, and the server log must still show the tagged message.
 */
class CopiedRecordTest {

    /** What JBoss LogManager's {@code ExtLogRecord.wrap} keeps of a record, in a record of another class. */
    private static LogRecord copyOf(LogRecord original) {
        LogRecord copy = new LogRecord(original.getLevel(), original.getMessage());
        copy.setInstant(original.getInstant());
        copy.setThrown(original.getThrown());
        copy.setLoggerName(original.getLoggerName());
        copy.setResourceBundle(original.getResourceBundle());
        copy.setResourceBundleName(original.getResourceBundleName());
        return copy;
    }

    @Test
    void aCopyOfATaggedRecordGivesItsTagsAsFields() {
        TaggedRecord tagged = new TaggedRecord(Level.WARNING, "joined", "chat", "c-1", null);
        LogEntry entry = LogHub.entryOf(copyOf(tagged));
        assertEquals(new LogEntry(Level.WARNING, "joined", Optional.of("chat"), Optional.of("c-1"),
                tagged.getInstant()), entry);
    }

    @Test
    void missingTagsStayMissingInTheCopy() {
        LogEntry entry = LogHub.entryOf(copyOf(new TaggedRecord(Level.INFO, "started", "chat", null, null)));
        assertEquals("started", entry.message());
        assertEquals(Optional.of("chat"), entry.plugin());
        assertEquals(Optional.empty(), entry.connectionId());
    }

    @Test
    void anUntaggedRecordGivesItsMessageAndNoTags() {
        LogRecord plain = new LogRecord(Level.INFO, "[not] [tags] text");
        plain.setInstant(Instant.EPOCH);
        assertEquals(new LogEntry(Level.INFO, "[not] [tags] text", Optional.empty(), Optional.empty(), Instant.EPOCH),
                LogHub.entryOf(plain));
        assertNull(TaggedRecord.tagsOf(plain));
    }

    @Test
    void formattersShowTheTaggedMessageUnchanged() {
        // braces and quotes, which a message format would eat, and a key no bundle has
        TaggedRecord tagged = new TaggedRecord(Level.INFO, "it's {0} {\"a\":1}", "chat", "c-1", null);
        assertEquals("[chat] [c-1] it's {0} {\"a\":1}", new SimpleFormatter().formatMessage(copyOf(tagged)));
        assertEquals("[chat] [c-1] it's {0} {\"a\":1}", tagged.getResourceBundle().getString(tagged.getMessage()));
    }
}
