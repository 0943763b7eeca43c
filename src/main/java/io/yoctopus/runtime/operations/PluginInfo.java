package io.yoctopus.runtime.operations;

import java.beans.ConstructorProperties;
import java.util.List;

/** One plugin as {@link PluginsMXBean} shows it. */
public final class PluginInfo {

    private final String name;
    private final boolean enabled;
    private final List<String> endpoints;

    /** @param endpoints {@code address method} of each endpoint method, sorted; {@code (binary)} for a binary handler */
    @ConstructorProperties({"name", "enabled", "endpoints"})
    public PluginInfo(String name, boolean enabled, List<String> endpoints) {
        this.name = name;
        this.enabled = enabled;
        this.endpoints = List.copyOf(endpoints);
    }

    public String getName() {
        return name;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public List<String> getEndpoints() {
        return endpoints;
    }
}
