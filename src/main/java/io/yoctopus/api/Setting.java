package io.yoctopus.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a connection-scoped setting of a plugin: every connection has its own value, readable by all
 * plugins ({@link ConnectionSettings#get}) and writable by the declaring plugin only.
 *
 * <p>The type is one of the wire protocol's setting types, named by a Java type:
 * {@code String.class} (string), {@code Number.class} or any numeric wrapper (number),
 * {@code Boolean.class} (bool), {@code List.class} (array), {@code Map.class} (object). Any other type
 * fails the deployment. Writes of a value of another type are rejected.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Repeatable(Setting.List.class)
public @interface Setting {

    /** The setting's key, unique within the plugin. */
    String name();

    /** The setting's type, see the class comment. */
    Class<?> type();

    /** Holds repeated {@link Setting} declarations. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    @interface List {
        Setting[] value();
    }
}
