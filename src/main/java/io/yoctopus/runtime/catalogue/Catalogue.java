package io.yoctopus.runtime.catalogue;

import io.yoctopus.runtime.metrics.EndpointStats;
import io.yoctopus.runtime.metrics.Metrics;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The immutable table of every installed plugin and endpoint, built once at deployment: what the
 * dispatcher looks up for each request.
 */
public final class Catalogue {

    private final Map<String, Map<String, Route>> routes;
    private final Map<String, PluginModel> plugins;
    private final Route binary;

    private Catalogue(Map<String, Map<String, Route>> routes, Map<String, PluginModel> plugins, Route binary) {
        this.routes = routes;
        this.plugins = plugins;
        this.binary = binary;
    }

    /** Binds the analysed plugins to their beans, counting their requests in figures of their own. */
    public static Catalogue bind(CatalogueModel model, Function<Class<?>, Object> beans) {
        return bind(model, beans, new Metrics()::endpoint);
    }

    /**
     * Binds the analysed plugins to their beans.
     *
     * @param model what the deployment analysis found, with endpoint addresses
     * @param beans gives the contextual reference of a plugin or requirement-check bean class
     * @param stats gives the figures of an endpoint address and method ({@link Metrics#endpoint})
     */
    public static Catalogue bind(CatalogueModel model, Function<Class<?>, Object> beans,
            BiFunction<String, String, EndpointStats> stats) {
        Map<String, Map<String, Route>> routes = new LinkedHashMap<>();
        Map<String, PluginModel> plugins = new LinkedHashMap<>();
        Route binary = null;
        for (PluginModel plugin : model.plugins()) {
            plugins.put(plugin.name(), plugin);
            Object bean = beans.apply(plugin.type());
            for (HandlerModel handler : plugin.handlers()) {
                String address = model.address(plugin.name(), handler.endpoint());
                routes.computeIfAbsent(address, any -> new LinkedHashMap<>())
                        .put(handler.method(), route(address, plugin, handler, bean, beans,
                                stats.apply(address, handler.method())));
            }
            if (plugin.binaryHandler().isPresent()) {
                binary = route(null, plugin, plugin.binaryHandler().get(), bean, beans,
                        stats.apply(Metrics.BINARY, Metrics.BINARY));
            }
        }
        routes.replaceAll((address, methods) -> Map.copyOf(methods));
        return new Catalogue(Map.copyOf(routes), Map.copyOf(plugins), binary);
    }

    private static Route route(String address, PluginModel plugin, HandlerModel handler, Object bean,
            Function<Class<?>, Object> beans, EndpointStats stats) {
        List<Object> checks = new ArrayList<>();
        for (RequirementModel requirement : handler.requirements()) {
            if (requirement instanceof RequirementModel.Custom custom) {
                checks.add(beans.apply(custom.type()));
            }
        }
        return new Route(address, plugin, handler, invoker(handler, bean), List.copyOf(checks), stats);
    }

    private static MethodHandle invoker(HandlerModel handler, Object bean) {
        try {
            MethodHandle method = MethodHandles.publicLookup().unreflect(handler.javaMethod()).bindTo(bean);
            return method.asSpreader(Object[].class, handler.parameters().size())
                    .asType(MethodType.methodType(Object.class, Object[].class));
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("handler " + handler.describe() + " is not accessible", e);
        }
    }

    /** The methods of an endpoint address; empty when the address is unknown. */
    public Map<String, Route> methods(String address) {
        return routes.getOrDefault(address, Map.of());
    }

    /** The application's binary handler, if it has one. */
    public Optional<Route> binary() {
        return Optional.ofNullable(binary);
    }

    /** Every address with its methods, for listings. */
    public Map<String, Map<String, Route>> routes() {
        return routes;
    }

    /** The names of the installed plugins. */
    public Set<String> pluginNames() {
        return plugins.keySet();
    }

    public Optional<PluginModel> plugin(String name) {
        return Optional.ofNullable(plugins.get(name));
    }
}
