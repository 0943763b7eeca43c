package io.yoctopus.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Stereotype;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes a class a Yoctopus plugin: an application-scoped CDI bean whose endpoints are methods annotated
 * {@link Handles} and whose connection-scoped settings are declared with {@link Setting}.
 *
 * <pre>{@code
 * @Plugin("greeter")
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
 * <p>{@code @Plugin} is a CDI stereotype that declares {@code @ApplicationScoped}: it alone makes the class a
 * bean, in a bean archive of any discovery mode ({@code annotated}, what an empty {@code beans.xml} means in
 * CDI 4, included), and nothing else is needed. A plugin is found at deployment in the application, in every
 * jar in {@code WEB-INF/lib}, and in a jar the server gives the application as a library (Payara Micro's
 * {@code --addlibs}, a WildFly global module, an Open Liberty shared library): the API jar, on the compiler's
 * class path, writes an index of each plugin jar's beans as it compiles (see {@link io.yoctopus.api.index}).
 *
 * <p>Deployment fails, naming the class and member, when two plugins share a name, when a plugin is given
 * another scope, when any of its declarations is invalid, or when a class annotated {@code @Plugin} does not
 * become a bean (an abstract class, a non-static inner class, a class without a no-argument or
 * {@code @Inject} constructor). A plugin made in code and installed at run time ({@link Plugins#install})
 * is not a bean: annotate its class {@link jakarta.enterprise.inject.Vetoed @Vetoed} as well.
 *
 * <p>Each plugin can be switched on or off at deployment with the MicroProfile Config key
 * {@code yoctopus.plugin.<name>.enabled}; without it, {@link #enabledBy()} decides. A plugin that is off is
 * vetoed, so its observers do not run either.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Stereotype
@ApplicationScoped
public @interface Plugin {

    /** The plugin's unique name: the prefix of its endpoints ({@code name:endpoint}) and of its settings. */
    String value();

    /**
     * A MicroProfile Config key that switches the plugin on by default. Empty (the default): the plugin is on
     * unless {@code yoctopus.plugin.<name>.enabled} is {@code false}. Otherwise it is on only when
     * {@code yoctopus.plugin.<name>.enabled} is {@code true} or, when that is not set, this key is {@code true}
     * (the demo plugins share {@code yoctopus.demo.enabled} this way).
     */
    String enabledBy() default "";
}
