package io.yoctopus.runtime.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The records one logger publishes while the capture is open, kept from the console; the logger's level and
 * handlers are as before once it is closed. For tests whose subject is what gets logged.
 */
public final class CapturedLog implements AutoCloseable {

    private final Logger logger;
    private final Level level;
    private final boolean parents;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
            // nothing buffered
        }

        @Override
        public void close() {
            // nothing held
        }
    };

    private CapturedLog(Logger logger, Level level) {
        this.logger = logger;
        this.level = logger.getLevel();
        this.parents = logger.getUseParentHandlers();
        logger.setLevel(level);
        logger.addHandler(handler);
        logger.setUseParentHandlers(false);
    }

    /** Captures what the named logger publishes at {@code level} and above. */
    public static CapturedLog of(String loggerName, Level level) {
        return new CapturedLog(Logger.getLogger(loggerName), level);
    }

    public static CapturedLog of(Class<?> loggerOf, Level level) {
        return of(loggerOf.getName(), level);
    }

    public List<LogRecord> records() {
        return records;
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
        logger.setUseParentHandlers(parents);
        logger.setLevel(level);
    }
}
