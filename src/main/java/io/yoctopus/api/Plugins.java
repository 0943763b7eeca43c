package io.yoctopus.api;

import jakarta.json.JsonObject;
import java.util.Set;

/**
 * Changes the installed plugins at run time: the Node version's {@code server.plugin(config)}.
 *
 * <p>A plugin built in code is an object of a class annotated {@link Plugin}, declared exactly like a
 * discovered one ({@link Handles}, {@link Setting}, {@link Requires}), but created by the caller and not a
 * CDI bean (leave out {@code @ApplicationScoped}). It is analysed with the same rules; a bad declaration
 * throws {@link jakarta.enterprise.inject.spi.DefinitionException} listing every problem and changes
 * nothing. Installing or removing a plugin notifies the {@code api} plugin's subscribers.
 */
public interface Plugins {

    /**
     * Installs a plugin object; closing the returned subscription removes it again.
     *
     * @throws jakarta.enterprise.inject.spi.DefinitionException when its declaration is invalid or its name is taken
     */
    Subscription install(Object plugin);

    /** The names of the installed plugins. */
    Set<String> names();

    /**
     * Every endpoint as clients address it, with its methods, request formats in the wire notation and
     * requirements: {@code {"greeter:hello": {"read": {"requestFormat": {"name": "string"}}}}}.
     */
    JsonObject catalogue();
}
