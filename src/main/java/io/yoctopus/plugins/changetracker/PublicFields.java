package io.yoctopus.plugins.changetracker;

import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OneToOne;
import java.lang.annotation.Annotation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The public fields of one model and how to read them from an entity: its Java fields, read directly (a
 * getter only when there is no field), so reading never runs entity code nor loads anything lazily.
 * Associations and collections are refused when the reader is made. Made once per model; thread-safe.
 */
final class PublicFields {

    private static final List<Class<? extends Annotation>> ASSOCIATIONS = List.of(OneToOne.class, OneToMany.class,
            ManyToOne.class, ManyToMany.class, ElementCollection.class);

    private record Accessor(String name, MethodHandle getter) {
    }

    private final Class<?> type;
    private final List<Accessor> accessors;

    private PublicFields(Class<?> type, List<Accessor> accessors) {
        this.type = type;
        this.accessors = accessors;
    }

    /**
     * @param names the public fields, in the order they are sent
     * @throws IllegalArgumentException naming every field that is unknown, an association or a collection
     */
    static PublicFields of(Class<?> type, List<String> names) {
        List<Accessor> accessors = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String name : names) {
            try {
                accessors.add(new Accessor(name, getter(type, name)));
            } catch (IllegalArgumentException problem) {
                problems.add(problem.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(type.getName() + ": " + String.join("; ", problems));
        }
        return new PublicFields(type, List.copyOf(accessors));
    }

    List<String> names() {
        return accessors.stream().map(Accessor::name).toList();
    }

    /** The public fields' values, in order. */
    Map<String, Object> read(Object entity) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Accessor accessor : accessors) {
            values.put(accessor.name(), value(accessor, entity));
        }
        return values;
    }

    /** The public fields as one JSON object, values converted by {@code toJson}. */
    void write(Object entity, JsonObjectBuilder object, Function<Object, jakarta.json.JsonValue> toJson) {
        for (Accessor accessor : accessors) {
            object.add(accessor.name(), toJson.apply(value(accessor, entity)));
        }
    }

    private Object value(Accessor accessor, Object entity) {
        try {
            return accessor.getter().invoke(entity);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("cannot read " + type.getSimpleName() + "." + accessor.name(), e);
        }
    }

    private static MethodHandle getter(Class<?> type, String name) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (field.getName().equals(name) && !Modifier.isStatic(field.getModifiers())) {
                    refuseAssociation(name, field.getType(), field.getDeclaredAnnotations());
                    Method getter = findGetter(type, name);
                    if (getter != null) {
                        refuseAssociation(name, getter.getReturnType(), getter.getDeclaredAnnotations());
                    }
                    try {
                        field.setAccessible(true);
                        return MethodHandles.lookup().unreflectGetter(field)
                                .asType(MethodType.methodType(Object.class, Object.class));
                    } catch (ReflectiveOperationException | RuntimeException e) {
                        throw new IllegalArgumentException("field '" + name + "' cannot be read: " + e);
                    }
                }
            }
        }
        Method getter = findGetter(type, name);
        if (getter == null) {
            throw new IllegalArgumentException("no field '" + name + "'");
        }
        refuseAssociation(name, getter.getReturnType(), getter.getDeclaredAnnotations());
        try {
            getter.setAccessible(true);
            return MethodHandles.lookup().unreflect(getter).asType(MethodType.methodType(Object.class, Object.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalArgumentException("field '" + name + "' cannot be read: " + e);
        }
    }

    private static Method findGetter(Class<?> type, String name) {
        String suffix = name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
        for (String candidate : List.of("get" + suffix, "is" + suffix)) {
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                try {
                    Method method = c.getDeclaredMethod(candidate);
                    if (!Modifier.isStatic(method.getModifiers()) && method.getReturnType() != void.class) {
                        return method;
                    }
                } catch (NoSuchMethodException notHere) {
                    // look further up
                }
            }
        }
        return null;
    }

    private static void refuseAssociation(String name, Class<?> valueType, Annotation[] annotations) {
        for (Annotation annotation : annotations) {
            if (ASSOCIATIONS.contains(annotation.annotationType())) {
                throw new IllegalArgumentException("field '" + name + "' is an association (@"
                        + annotation.annotationType().getSimpleName() + "); only basic fields can be public");
            }
        }
        if (Collection.class.isAssignableFrom(valueType) || Map.class.isAssignableFrom(valueType)) {
            throw new IllegalArgumentException("field '" + name + "' is a collection; only basic fields can be public");
        }
    }
}
