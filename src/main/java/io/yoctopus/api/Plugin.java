package io.yoctopus.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an {@code @ApplicationScoped} CDI bean as a Yoctopus plugin.
 *
 * <p>Plugins are found at deployment in the application and in every bean archive it contains
 * (a jar with {@code META-INF/beans.xml} in {@code WEB-INF/lib}). Their endpoints are methods annotated
 * with {@link Handles}; their connection-scoped settings are declared with {@link Setting}.
 *
 * <pre>{@code
 * @Plugin("greeter")
 * @ApplicationScoped
 * public class Greeter {
 *     public record Hello(String name) {}
 *
 *     @Handles(endpoint = "hello", method = "read")
 *     public Map<String, String> hello(Hello request) {
 *         return Map.of("message", "Hello, " + request.name() + "!");
 *     }
 * }
 * }</pre>
 *
 * <p>Deployment fails, naming the class and member, when two plugins share a name, when a plugin is
 * not {@code @ApplicationScoped}, or when any of its declarations is invalid.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Plugin {

    /** The plugin's unique name: the prefix of its endpoints ({@code name:endpoint}) and of its settings. */
    String value();

    /**
     * A MicroProfile Config key that switches the plugin on. Empty (the default): the plugin is always
     * installed. Otherwise it is installed only when the key is {@code true}; when it is off the bean is
     * vetoed, so its observers do not run either.
     */
    String enabledBy() default "";
}
