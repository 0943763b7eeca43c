package io.yoctopus.runtime.catalogue;

import io.yoctopus.api.Plugin;
import io.yoctopus.runtime.json.JsonCodec;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.ProcessBean;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.enterprise.inject.spi.ProcessManagedBean;
import jakarta.enterprise.inject.spi.ProcessObserverMethod;
import jakarta.enterprise.inject.spi.WithAnnotations;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.Set;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Finds plugin beans at deployment, in the application and in every bean archive it contains, and
 * analyses them together. Any declaration problem fails the deployment with one message listing all.
 */
public class PluginExtension implements Extension {

    private static final Logger LOG = Logger.getLogger(PluginExtension.class.getName());

    private final Map<Class<?>, Class<? extends Annotation>> plugins = new LinkedHashMap<>();
    private final Set<Type> observedSync = new HashSet<>();
    private final Set<Type> observedAsync = new HashSet<>();
    /**
     * The types of every bean of the application, whatever its bean archive: the {@code BeanManager}
     * given to this extension does not see the beans of library jars on every server (Payara's does not).
     */
    private final Set<Type> beanTypes = new HashSet<>();
    private CatalogueModel model;

    <T> void skipDisabled(@Observes @WithAnnotations(Plugin.class) ProcessAnnotatedType<T> type) {
        Plugin plugin = type.getAnnotatedType().getAnnotation(Plugin.class);
        if (plugin != null && !plugin.enabledBy().isEmpty()
                && !config().getOptionalValue(plugin.enabledBy(), Boolean.class).orElse(false)) {
            LOG.info(() -> "plugin '" + plugin.value() + "' is off (" + plugin.enabledBy() + " is not true)");
            type.veto();
        }
    }

    <T> void collect(@Observes ProcessManagedBean<T> bean) {
        Class<T> type = bean.getAnnotatedBeanClass().getJavaClass();
        if (type.isAnnotationPresent(Plugin.class)) {
            plugins.put(type, bean.getBean().getScope());
        }
    }

    <T, X> void noteObserver(@Observes ProcessObserverMethod<T, X> observer) {
        (observer.getObserverMethod().isAsync() ? observedAsync : observedSync)
                .add(observer.getObserverMethod().getObservedType());
    }

    /**
     * Whether any observer method of the application observes events of exactly this type, so that
     * per-request events nobody observes are never fired.
     */
    public boolean isObserved(Class<?> eventType, boolean async) {
        return (async ? observedAsync : observedSync).contains(eventType);
    }

    <X> void noteBean(@Observes ProcessBean<X> bean) {
        beanTypes.addAll(bean.getBean().getTypes());
    }

    void analyze(@Observes AfterDeploymentValidation validation, BeanManager beans) {
        DeploymentProblems problems = new DeploymentProblems();
        model = analyze(plugins,
                check -> beanTypes.contains(check) || !beans.getBeans(check, Any.Literal.INSTANCE).isEmpty(), problems);
        if (problems.isEmpty()) {
            LOG.info(() -> "Yoctopus plugins: " + String.join(", ", model.plugins().stream().map(PluginModel::name).toList()));
        } else {
            validation.addDeploymentProblem(problems.asException());
        }
    }

    /**
     * Analyses a set of plugin classes with the configured aliases, checking that requirement checks are
     * beans: at deployment, and again whenever plugins are installed at run time.
     */
    static CatalogueModel analyze(Map<Class<?>, Class<? extends Annotation>> classes, BeanManager beans,
            DeploymentProblems problems) {
        return analyze(classes, check -> !beans.getBeans(check, Any.Literal.INSTANCE).isEmpty(), problems);
    }

    private static CatalogueModel analyze(Map<Class<?>, Class<? extends Annotation>> classes, Predicate<Class<?>> isBean,
            DeploymentProblems problems) {
        Config config = config();
        CatalogueModel analysed;
        try (JsonCodec json = new JsonCodec()) {
            analysed = CatalogueAnalysis.analyze(classes,
                    (plugin, endpoint) -> config.getOptionalValue(CatalogueAnalysis.aliasKey(plugin, endpoint), String.class),
                    json, problems);
        }
        for (PluginModel plugin : analysed.plugins()) {
            List<HandlerModel> handlers = new ArrayList<>(plugin.handlers());
            plugin.binaryHandler().ifPresent(handlers::add);
            for (HandlerModel handler : handlers) {
                handler.requirements().stream()
                        .filter(RequirementModel.Custom.class::isInstance)
                        .map(requirement -> ((RequirementModel.Custom) requirement).type())
                        .filter(check -> !isBean.test(check))
                        .forEach(check -> problems.add("plugin '" + plugin.name() + "' handler " + handler.describe()
                                + ": requirement check " + check.getName() + " is not a CDI bean"));
            }
        }
        return analysed;
    }

    /** The discovered plugin classes with the scopes of their beans. */
    Map<Class<?>, Class<? extends Annotation>> discovered() {
        return Collections.unmodifiableMap(plugins);
    }

    /** What the analysis found; available once the deployment is valid. */
    public CatalogueModel model() {
        if (model == null) {
            throw new IllegalStateException("the plugin catalogue is built after deployment validation");
        }
        return model;
    }

    private static Config config() {
        return ConfigProvider.getConfig(Thread.currentThread().getContextClassLoader());
    }
}
