package io.yoctopus.runtime.operations;

import java.util.List;

/**
 * The plugins, for operators: {@code io.yoctopus:type=Plugins,context=...}. Disabling a plugin stops serving its
 * endpoints at once (clients get {@code unknown endpoint}), without a redeployment; enabling it serves them again.
 * Each change is logged and announced to the {@code api} plugin's subscribers; it lasts until the application
 * restarts.
 */
public interface PluginsMXBean {

    /** Every plugin, disabled ones included, with its endpoints. */
    List<PluginInfo> getPlugins();

    /** The names of the disabled plugins. */
    List<String> getDisabled();

    /**
     * @return false when it was disabled already
     * @throws IllegalArgumentException when no plugin has that name
     */
    boolean disable(String plugin);

    /**
     * @return false when it was not disabled
     * @throws IllegalArgumentException when no plugin has that name
     */
    boolean enable(String plugin);
}
