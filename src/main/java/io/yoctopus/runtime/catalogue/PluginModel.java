package io.yoctopus.runtime.catalogue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A plugin as analysed at deployment: immutable, free of CDI, so the same analysis serves the portable
 * extension and plain unit tests.
 *
 * @param settings declared settings by key
 * @param binaryHandler the plugin's {@link io.yoctopus.api.HandlesBinary} method, if it has one
 */
public record PluginModel(String name, Class<?> type, Map<String, SettingType> settings, List<HandlerModel> handlers,
        Optional<HandlerModel> binaryHandler) {
}
