package io.yoctopus.runtime.catalogue;

import io.yoctopus.runtime.json.JsonCodec;
import java.lang.annotation.Annotation;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The whole deployment analysis: plugins, their requirements and the endpoint aliases, every problem
 * collected. Free of CDI so that unit tests run it directly.
 */
public final class CatalogueAnalysis {

    /** The MicroProfile Config key of an endpoint alias. */
    public static String aliasKey(String plugin, String endpoint) {
        return "yoctopus.plugin." + plugin + ".alias." + endpoint;
    }

    private CatalogueAnalysis() {
    }

    /** The MicroProfile Config key that switches a plugin on or off at deployment. */
    public static String enabledKey(String plugin) {
        return "yoctopus.plugin." + plugin + ".enabled";
    }

    /**
     * @param plugins     plugin classes with the scope of their beans
     * @param aliases     looks up the alias of {@code (plugin, endpoint)}
     * @param switchedOff the names of the plugins switched off at deployment, each with the reason
     */
    public static CatalogueModel analyze(Map<Class<?>, Class<? extends Annotation>> plugins,
            BiFunction<String, String, Optional<String>> aliases, Map<String, String> switchedOff, JsonCodec json,
            DeploymentProblems problems) {
        List<PluginModel> models = new PluginAnalyzer(problems, new RequirementResolver(problems, json, switchedOff))
                .analyze(plugins);
        Map<String, Map<String, String>> configured = new LinkedHashMap<>();
        Map<String, String> owners = new HashMap<>();
        for (PluginModel plugin : models) {
            for (HandlerModel handler : plugin.handlers()) {
                String endpoint = plugin.name() + ":" + handler.endpoint();
                Optional<String> alias = aliases.apply(plugin.name(), handler.endpoint());
                alias.ifPresent(name -> configured.computeIfAbsent(plugin.name(), p -> new LinkedHashMap<>())
                        .put(handler.endpoint(), name));
                String address = alias.orElse(endpoint);
                String owner = owners.putIfAbsent(address, endpoint);
                if (owner != null && !owner.equals(endpoint)) {
                    problems.add("endpoint address '" + address + "' is used by both " + owner + " and " + endpoint
                            + " (check " + aliasKey(plugin.name(), handler.endpoint()) + ")");
                }
                if (alias.isPresent() && alias.get().isBlank()) {
                    problems.add(aliasKey(plugin.name(), handler.endpoint()) + " is empty");
                }
            }
        }
        List<String> binaryHandlers = models.stream()
                .flatMap(plugin -> plugin.binaryHandler().stream().map(HandlerModel::describe))
                .toList();
        if (binaryHandlers.size() > 1) {
            problems.add("only one @HandlesBinary method is allowed in the application, found: "
                    + String.join(", ", binaryHandlers));
        }
        configured.replaceAll((plugin, byEndpoint) -> Map.copyOf(byEndpoint));
        return new CatalogueModel(models, Map.copyOf(configured));
    }
}
