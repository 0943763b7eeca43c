package io.yoctopus.runtime.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/** A log record tagged with its plugin and connection: tags in the server log's message, fields for subscribers. */
class TaggedRecordTest {

    @Test
    void theMessageCarriesTheTagsTheTextDoesNot() {
        IllegalStateException cause = new IllegalStateException("boom");
        TaggedRecord record = new TaggedRecord(Level.WARNING, "it failed", "chat", "c-1", cause);
        assertEquals("[chat] [c-1] it failed", record.getMessage());
        assertEquals("it failed", record.text());
        assertEquals("chat", record.plugin());
        assertEquals("c-1", record.connectionId());
        assertEquals(Level.WARNING, record.getLevel());
        assertSame(cause, record.getThrown());
    }

    @Test
    void aMissingTagIsLeftOut() {
        assertEquals("[chat] hello", new TaggedRecord(Level.INFO, "hello", "chat", null, null).getMessage());
        assertEquals("[c-1] hello", new TaggedRecord(Level.INFO, "hello", null, "c-1", null).getMessage());
        TaggedRecord untagged = new TaggedRecord(Level.INFO, "hello", null, null, null);
        assertEquals("hello", untagged.getMessage());
        assertNull(untagged.plugin());
        assertNull(untagged.connectionId());
        assertNull(untagged.getThrown());
    }
}
