package io.yoctopus.runtime.adapters.tyrus;

import java.lang.reflect.Field;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads and clears private fields of Tyrus's objects by name, each field looked up once per class. Tyrus offers
 * no API for what the adapter does (see {@link TyrusBuffers}); a field that this Tyrus version lacks reads as
 * null, so the adapter stays inert rather than failing.
 */
final class Fields {

    /** Each class's fields by name, a miss remembered as empty. */
    private final Map<Class<?>, Map<String, Optional<Field>>> cache = new ConcurrentHashMap<>();

    /** The value of the named field of {@code target} (declared in its class or a superclass), or null. */
    Object read(Object target, String name) {
        Field field = find(target, name);
        if (field == null) {
            return null;
        }
        try {
            return field.get(target);
        } catch (IllegalAccessException notAllowed) {
            return null;
        }
    }

    /** Sets the named field to null; false when there is no such field or it cannot be written. */
    boolean clear(Object target, String name) {
        Field field = find(target, name);
        if (field == null) {
            return false;
        }
        try {
            field.set(target, null);
            return true;
        } catch (IllegalAccessException | IllegalArgumentException notAllowed) {
            return false;
        }
    }

    private Field find(Object target, String name) {
        if (target == null) {
            return null;
        }
        return cache.computeIfAbsent(target.getClass(), type -> new ConcurrentHashMap<>())
                .computeIfAbsent(name, missing -> lookUp(target.getClass(), missing))
                .orElse(null);
    }

    private static Optional<Field> lookUp(Class<?> type, String name) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            try {
                Field field = c.getDeclaredField(name);
                field.setAccessible(true);
                return Optional.of(field);
            } catch (NoSuchFieldException notHere) {
                // the superclass may declare it
            } catch (RuntimeException inaccessible) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
