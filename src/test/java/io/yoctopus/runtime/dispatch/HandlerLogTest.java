package io.yoctopus.runtime.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.yoctopus.runtime.logging.TaggedRecord;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A handler's log: each level as its own, every entry tagged with the plugin and the connection. */
class HandlerLogTest {

    private final Logger logger = Logger.getLogger("io.yoctopus.plugin");
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler recorder = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private Level level;
    private boolean parentHandlers;

    @BeforeEach
    void record() {
        level = logger.getLevel();
        parentHandlers = logger.getUseParentHandlers();
        logger.addHandler(recorder);
        logger.setUseParentHandlers(false);
    }

    @AfterEach
    void restore() {
        logger.removeHandler(recorder);
        logger.setLevel(level);
        logger.setUseParentHandlers(parentHandlers);
    }

    @Test
    void everyLevelIsLoggedTaggedWithPluginAndConnection() {
        logger.setLevel(Level.ALL);
        HandlerLog log = new HandlerLog("acct", "c-1");
        IllegalStateException cause = new IllegalStateException("cause");
        log.debug("d");
        log.info("i");
        log.warn("w");
        log.error("e", cause);

        assertEquals(List.of(Level.FINE, Level.INFO, Level.WARNING, Level.SEVERE),
                records.stream().map(LogRecord::getLevel).toList());
        assertEquals(List.of("[acct] [c-1] d", "[acct] [c-1] i", "[acct] [c-1] w", "[acct] [c-1] e"),
                records.stream().map(LogRecord::getMessage).toList());
        TaggedRecord error = assertInstanceOf(TaggedRecord.class, records.get(3));
        assertEquals("acct", error.plugin());
        assertEquals("c-1", error.connectionId());
        assertEquals("e", error.text());
        assertEquals("io.yoctopus.plugin", error.getLoggerName());
        assertSame(cause, error.getThrown());
        assertNull(records.get(0).getThrown());
    }

    @Test
    void entriesBelowTheLoggersLevelAreNotMade() {
        logger.setLevel(Level.WARNING);
        HandlerLog log = new HandlerLog("acct", "c-1");
        log.debug("d");
        log.info("i");
        log.warn("w");
        assertEquals(List.of("[acct] [c-1] w"), records.stream().map(LogRecord::getMessage).toList());
    }
}
