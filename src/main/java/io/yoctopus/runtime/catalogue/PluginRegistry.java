package io.yoctopus.runtime.catalogue;

import io.yoctopus.api.Plugin;
import io.yoctopus.api.Plugins;
import io.yoctopus.api.Subscription;
import io.yoctopus.api.events.CatalogueChanged;
import io.yoctopus.runtime.json.JsonCodec;
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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Holds the application's {@link Catalogue}: the analysed plugins bound to their beans when the
 * application starts, and rebuilt whole, then swapped in, when a plugin is installed or removed at run
 * time. Requests read it without locking; bean references are looked up here and never per request.
 */
@ApplicationScoped
public class PluginRegistry implements Plugins {

    private PluginExtension extension;
    private BeanManager beans;
    private JsonCodec json;
    private Event<CatalogueChanged> changes;

    private volatile Current current;
    private Map<Class<?>, Object> installed = Map.of();

    @Inject
    public PluginRegistry(PluginExtension extension, BeanManager beans, JsonCodec json, Event<CatalogueChanged> changes) {
        this.extension = extension;
        this.beans = beans;
        this.json = json;
        this.changes = changes;
    }

    /** For the proxy only. */
    protected PluginRegistry() {
    }

    @PostConstruct
    void bind() {
        current = current(Catalogue.bind(extension.model(), this::reference));
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
        Catalogue next = Catalogue.bind(model, type -> plugins.containsKey(type) ? plugins.get(type) : reference(type));
        installed = Map.copyOf(plugins);
        current = current(next);
        changes.fire(new CatalogueChanged(current.rendered()));
    }

    private Current current(Catalogue catalogue) {
        return new Current(catalogue, CatalogueRenderer.render(catalogue, json));
    }

    private Object reference(Class<?> beanClass) {
        Set<Bean<?>> candidates = beans.getBeans(beanClass, Any.Literal.INSTANCE);
        Bean<?> bean = candidates.stream()
                .filter(candidate -> candidate.getBeanClass() == beanClass)
                .findFirst()
                .orElseGet(() -> beans.resolve(candidates));
        return beans.getReference(bean, beanClass, beans.createCreationalContext(bean));
    }

    /** A catalogue with its rendering for clients, swapped in together. */
    private record Current(Catalogue catalogue, JsonObject rendered) {
    }
}
