package io.yoctopus.runtime.testing;

import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Runs code whose warnings are expected (the test provokes them) with the logger of a class turned off. */
public final class Quietly {

    private Quietly() {
    }

    public static <T> T get(Class<?> loggerOf, Supplier<T> action) {
        Logger logger = Logger.getLogger(loggerOf.getName());
        Level level = logger.getLevel();
        logger.setLevel(Level.OFF);
        try {
            return action.get();
        } finally {
            logger.setLevel(level);
        }
    }

    public static void run(Class<?> loggerOf, Runnable action) {
        get(loggerOf, () -> {
            action.run();
            return null;
        });
    }
}
