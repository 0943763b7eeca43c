package io.yoctopus.runtime.catalogue;

import jakarta.inject.Inject;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Optional;

/**
 * Why a class annotated {@code @Plugin} is not a CDI bean, in the terms of CDI's conditions for a managed bean,
 * for the deployment error that names it.
 */
final class NotABean {

    /** What to do about a plugin class meant to be made in code rather than by CDI. */
    static final String MADE_IN_CODE = "a plugin made in code for Plugins.install is annotated @Vetoed as well";

    private NotABean() {
    }

    /** The problem: the plugin, its class, and the reason. */
    static String problem(String plugin, Class<?> type) {
        return "plugin '" + plugin + "' (" + type.getName() + ") is not a CDI bean: "
                + violation(type).orElse("it was vetoed (by another portable extension, or its bean archive excludes it)")
                + "; " + MADE_IN_CODE;
    }

    /** The first of CDI's conditions for a managed bean that the class fails, if any. */
    static Optional<String> violation(Class<?> type) {
        if (type.isAnnotation()) {
            return Optional.of("it is an annotation");
        }
        if (type.isInterface()) {
            return Optional.of("it is an interface");
        }
        if (type.isEnum()) {
            return Optional.of("it is an enum");
        }
        if (Modifier.isAbstract(type.getModifiers())) {
            return Optional.of("it is abstract");
        }
        if (type.isLocalClass() || type.isAnonymousClass()) {
            return Optional.of("it is a local class");
        }
        if (type.isMemberClass() && !Modifier.isStatic(type.getModifiers())) {
            return Optional.of("it is an inner class (declare it static)");
        }
        if (Arrays.stream(type.getDeclaredConstructors())
                .noneMatch(constructor -> constructor.getParameterCount() == 0 || constructor.isAnnotationPresent(Inject.class))) {
            return Optional.of("it has neither a constructor without parameters nor one annotated @Inject");
        }
        return Optional.empty();
    }
}
