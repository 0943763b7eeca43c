package io.yoctopus.runtime.catalogue;

import java.util.Optional;
import java.util.function.Function;

/**
 * Whether a plugin is on at deployment: {@code yoctopus.plugin.<name>.enabled} when it is set, else the key the
 * plugin names in {@code @Plugin(enabledBy)} (the demo plugins' shared {@code yoctopus.demo.enabled}), else on.
 */
final class PluginSwitches {

    private final Function<String, Optional<Boolean>> config;

    /** @param config reads a boolean MicroProfile Config key, empty when it is not set */
    PluginSwitches(Function<String, Optional<Boolean>> config) {
        this.config = config;
    }

    /** Empty when the plugin is on; otherwise why it is off, naming the keys that would switch it on. */
    Optional<String> offReason(String plugin, String enabledBy) {
        String own = CatalogueAnalysis.enabledKey(plugin);
        Optional<Boolean> switched = config.apply(own);
        if (switched.isPresent()) {
            return switched.get() ? Optional.empty() : Optional.of(own + " is false");
        }
        if (enabledBy.isEmpty() || config.apply(enabledBy).orElse(false)) {
            return Optional.empty();
        }
        return Optional.of(enabledBy + " is not true and " + own + " is not set");
    }
}
