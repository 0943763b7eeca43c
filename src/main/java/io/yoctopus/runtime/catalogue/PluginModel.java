package io.yoctopus.runtime.catalogue;

import java.util.List;
import java.util.Map;

/**
 * A plugin as analysed at deployment: immutable, free of CDI, so the same analysis serves the portable
 * extension and plain unit tests.
 *
 * @param settings declared settings by key, in declaration order
 */
public record PluginModel(String name, Class<?> type, Map<String, SettingType> settings, List<HandlerModel> handlers) {
}
