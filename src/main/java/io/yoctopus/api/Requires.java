package io.yoctopus.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A condition on the connection that must hold before a handler runs; when any fails the client gets an
 * error naming it and the handler is not called. Give either a setting and its expected value, or a
 * custom check:
 *
 * <pre>{@code
 * @Requires(setting = "auth.authenticated", equals = "true")
 * @Requires(check = IsTeamMember.class)
 * }</pre>
 *
 * <p>{@code equals} is read according to the setting's declared type: {@code "true"}/{@code "false"}
 * for bool, a decimal for number, the text itself for string, JSON for array and object. A requirement
 * that names an unknown plugin or setting, or a value that does not fit the type, fails the deployment.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Repeatable(Requires.List.class)
public @interface Requires {

    /** The setting as {@code plugin.key}. */
    String setting() default "";

    /** The value the setting must have. */
    String equals() default "";

    /** A CDI bean deciding whether the connection may call the endpoint. */
    Class<? extends RequirementCheck> check() default RequirementCheck.class;

    /** Holds repeated {@link Requires} declarations. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @interface List {
        Requires[] value();
    }
}
