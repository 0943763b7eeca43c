package io.yoctopus.runtime.catalogue;

import java.util.List;
import java.util.Map;

/**
 * The outcome of the deployment analysis: the plugins and the aliases configured for their endpoints.
 *
 * @param aliases {@code plugin → endpoint → alias}
 */
public record CatalogueModel(List<PluginModel> plugins, Map<String, Map<String, String>> aliases) {

    /** How clients address an endpoint: its alias, or {@code plugin:endpoint}. */
    public String address(String plugin, String endpoint) {
        String alias = aliases.getOrDefault(plugin, Map.of()).get(endpoint);
        return alias != null ? alias : plugin + ":" + endpoint;
    }
}
