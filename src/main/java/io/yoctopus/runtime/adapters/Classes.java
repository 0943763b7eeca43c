package io.yoctopus.runtime.adapters;

/**
 * Whether a class some servers have is there: how the runtime decides, once at start, to load an adapter that refers
 * to it (a Tyrus adapter, a MicroProfile Metrics or Health adapter). The adapter itself is then loaded by name, so
 * that no class the server lacks is ever named by a bean.
 */
public final class Classes {

    private Classes() {
    }

    /** Whether {@code loader} can load {@code className}. */
    public static boolean visible(String className, ClassLoader loader) {
        try {
            Class.forName(className, false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError absent) {
            return false;
        }
    }
}
