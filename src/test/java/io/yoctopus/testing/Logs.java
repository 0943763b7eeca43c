package io.yoctopus.testing;

import java.util.logging.Level;
import java.util.logging.Logger;

/** The log of a test run: failures a test causes on purpose need not fill it. */
public final class Logs {

    private Logs() {
    }

    /** Runs {@code action} with the logger of {@code logging} off, and restores its level after. */
    public static void quietly(Class<?> logging, Runnable action) {
        Logger logger = Logger.getLogger(logging.getName());
        Level level = logger.getLevel();
        logger.setLevel(Level.OFF);
        try {
            action.run();
        } finally {
            logger.setLevel(level);
        }
    }
}
