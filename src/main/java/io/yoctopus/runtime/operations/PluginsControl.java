package io.yoctopus.runtime.operations;

import io.yoctopus.runtime.catalogue.PluginRegistry;
import java.util.List;

/** The plugins for operators, over JMX ({@link PluginsMXBean}); the registry logs each change. */
final class PluginsControl implements PluginsMXBean {

    private final PluginRegistry plugins;

    PluginsControl(PluginRegistry plugins) {
        this.plugins = plugins;
    }

    @Override
    public List<PluginInfo> getPlugins() {
        return plugins.plugins().stream()
                .map(plugin -> new PluginInfo(plugin.name(), plugin.enabled(), plugin.endpoints()))
                .toList();
    }

    @Override
    public List<String> getDisabled() {
        return plugins.plugins().stream().filter(plugin -> !plugin.enabled()).map(PluginRegistry.PluginState::name)
                .toList();
    }

    @Override
    public boolean disable(String plugin) {
        return plugins.disable(plugin);
    }

    @Override
    public boolean enable(String plugin) {
        return plugins.enable(plugin);
    }
}
