package io.yoctopus.runtime.catalogue;

import io.yoctopus.api.Plugin;
import io.yoctopus.api.Plugins;
import io.yoctopus.api.Subscription;
import io.yoctopus.api.events.CatalogueChanged;
import io.yoctopus.runtime.json.ErrorText;
import io.yoctopus.runtime.json.JsonCodec;
import io.yoctopus.runtime.metrics.Metrics;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.DefinitionException;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.logging.Logger;

/**
 * Holds the application's {@link Catalogue}: the analysed plugins bound to their beans when the
 * application starts, and rebuilt whole, then swapped in, when a plugin is installed or removed at run
 * time. Requests read it without locking; bean references are looked up here and never per request.
 *
 * <p>An operator may disable a plugin at run time and enable it again ({@link #disable}, {@link #enable}): a disabled
 * plugin stays analysed (its settings keep their types, requirements naming them still hold) but none of its endpoints
 * is served, as if it were not installed. Each change swaps in a new catalogue and is announced like an install.
 * Disabling lasts until the application restarts.
 */
@ApplicationScoped
public class PluginRegistry implements Plugins {

    private static final Logger LOG = Logger.getLogger(PluginRegistry.class.getName());

    private PluginExtension extension;
    private BeanManager beans;
    private JsonCodec json;
    private Event<CatalogueChanged> changes;
    private Metrics metrics;

    private volatile Current current;
    /** Guarded by this, as are the two below: every plugin analysed, the disabled ones included. */
    private CatalogueModel analysed;
    private Map<Class<?>, Object> installed = Map.of();
    private Set<String> disabled = Set.of();

    @Inject
    public PluginRegistry(PluginExtension extension, BeanManager beans, JsonCodec json, Event<CatalogueChanged> changes,
            Metrics metrics) {
        this.extension = extension;
        this.beans = beans;
        this.json = json;
        this.changes = changes;
        this.metrics = metrics;
    }

    /** For the proxy only. */
    protected PluginRegistry() {
    }

    @PostConstruct
    synchronized void bind() {
        analysed = extension.model();
        current = current(catalogue(analysed, installed, disabled));
    }

    /** Builds the catalogue as the application starts rather than on the first request. */
    void start(@Observes @Initialized(ApplicationScoped.class) Object application) {
        routes();
    }

    /** The catalogue in force now. */
    public Catalogue routes() {
        return current.catalogue();
    }

    /**
     * Gives the catalogue in force at each call, installs and removals included. Bound to this instance
     * itself, not to the CDI client proxy it is asked through: a holder that keeps it (the dispatcher, once
     * per request) reads a volatile field and skips the proxy's context lookup. This bean is application
     * scoped, so the instance lives as long as any such holder.
     */
    public Supplier<Catalogue> liveRoutes() {
        return this::routes;
    }

    @Override
    public JsonObject catalogue() {
        return current.rendered();
    }

    @Override
    public Set<String> names() {
        return current.catalogue().pluginNames();
    }

    @Override
    public synchronized Subscription install(Object plugin) {
        Class<?> type = plugin.getClass();
        if (!type.isAnnotationPresent(Plugin.class)) {
            throw new DefinitionException(type.getName() + " is not annotated @Plugin");
        }
        if (installed.containsKey(type)) {
            throw new DefinitionException("a plugin of " + type.getName() + " is installed already");
        }
        Map<Class<?>, Object> next = new LinkedHashMap<>(installed);
        next.put(type, plugin);
        rebuild(next);
        AtomicBoolean removed = new AtomicBoolean();
        return () -> {
            if (removed.compareAndSet(false, true)) {
                remove(type);
            }
        };
    }

    private synchronized void remove(Class<?> type) {
        Map<Class<?>, Object> next = new LinkedHashMap<>(installed);
        next.remove(type);
        rebuild(next);
    }

    private void rebuild(Map<Class<?>, Object> plugins) {
        Map<Class<?>, Class<? extends Annotation>> classes = new LinkedHashMap<>(extension.discovered());
        plugins.keySet().forEach(type -> classes.put(type, ApplicationScoped.class));
        DeploymentProblems problems = new DeploymentProblems();
        CatalogueModel model = extension.analyze(classes, beans, problems);
        problems.throwIfAny();
        swap(model, plugins, disabled);
    }

    /**
     * Stops serving a plugin's endpoints, until {@link #enable}: the catalogue is rebuilt without them and the change
     * announced. Logged with the endpoints it took away.
     *
     * @return false when it was disabled already (nothing changes)
     * @throws IllegalArgumentException when no plugin has that name
     */
    public synchronized boolean disable(String name) {
        PluginModel plugin = known(name);
        if (disabled.contains(name)) {
            return false;
        }
        Set<String> next = new LinkedHashSet<>(disabled);
        next.add(name);
        swap(analysed, installed, next);
        LOG.info(() -> "plugin '" + name + "' disabled: no longer serving " + endpoints(plugin));
        return true;
    }

    /**
     * Serves a disabled plugin's endpoints again. Logged with the endpoints it brought back.
     *
     * @return false when it was not disabled (nothing changes)
     * @throws IllegalArgumentException when no plugin has that name
     */
    public synchronized boolean enable(String name) {
        PluginModel plugin = known(name);
        if (!disabled.contains(name)) {
            return false;
        }
        Set<String> next = new LinkedHashSet<>(disabled);
        next.remove(name);
        swap(analysed, installed, next);
        LOG.info(() -> "plugin '" + name + "' enabled: serving " + endpoints(plugin) + " again");
        return true;
    }

    /** Every plugin, disabled ones included, in the order of the catalogue, with the endpoints it has. */
    public synchronized List<PluginState> plugins() {
        List<PluginState> states = new ArrayList<>();
        for (PluginModel plugin : analysed.plugins()) {
            states.add(new PluginState(plugin.name(), !disabled.contains(plugin.name()), endpoints(plugin)));
        }
        return states;
    }

    /**
     * A plugin as operators see it.
     *
     * @param endpoints {@code address method} of each of its endpoint methods, sorted; {@code (binary)} for its
     *     binary handler
     */
    public record PluginState(String name, boolean enabled, List<String> endpoints) {
    }

    private PluginModel known(String name) {
        return analysed.plugins().stream().filter(plugin -> plugin.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no plugin '" + ErrorText.echo(name) + "'; plugins: "
                        + String.join(", ", analysed.plugins().stream().map(PluginModel::name).sorted().toList())));
    }

    private List<String> endpoints(PluginModel plugin) {
        List<String> endpoints = new ArrayList<>();
        for (HandlerModel handler : plugin.handlers()) {
            endpoints.add(analysed.address(plugin.name(), handler.endpoint()) + " " + handler.method());
        }
        plugin.binaryHandler().ifPresent(handler -> endpoints.add(Metrics.BINARY));
        endpoints.sort(null);
        return List.copyOf(endpoints);
    }

    /** Swaps in the catalogue of {@code model} without the disabled plugins, and announces it. */
    private void swap(CatalogueModel model, Map<Class<?>, Object> plugins, Set<String> disabledNames) {
        Catalogue next = catalogue(model, plugins, disabledNames);
        analysed = model;
        installed = Map.copyOf(plugins);
        disabled = Set.copyOf(disabledNames);
        current = current(next);
        changes.fire(new CatalogueChanged(current.rendered()));
    }

    private Catalogue catalogue(CatalogueModel model, Map<Class<?>, Object> plugins, Set<String> disabledNames) {
        CatalogueModel enabled = new CatalogueModel(model.plugins().stream()
                .filter(plugin -> !disabledNames.contains(plugin.name())).toList(), model.aliases());
        return Catalogue.bind(enabled, type -> plugins.containsKey(type) ? plugins.get(type) : reference(type),
                metrics::endpoint);
    }

    private Current current(Catalogue catalogue) {
        return new Current(catalogue, CatalogueRenderer.render(catalogue, json));
    }

    /**
     * The bean of the class itself, not of a subclass that has its type as well; the bean of a library jar's class
     * belongs to another ({@link LibraryBean#getBeanClass()}), so then the bean is resolved among all of the type's.
     */
    private Object reference(Class<?> beanClass) {
        Set<Bean<?>> candidates = beans.getBeans(beanClass, Any.Literal.INSTANCE);
        Set<Bean<?>> own = candidates.stream().filter(candidate -> candidate.getBeanClass() == beanClass)
                .collect(Collectors.toSet());
        Bean<?> bean = beans.resolve(own.isEmpty() ? candidates : own);
        return beans.getReference(bean, beanClass, beans.createCreationalContext(bean));
    }

    /** A catalogue with its rendering for clients, swapped in together. */
    private record Current(Catalogue catalogue, JsonObject rendered) {
    }
}
