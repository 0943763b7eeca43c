package io.yoctopus.runtime.catalogue;

import io.yoctopus.api.Plugin;
import io.yoctopus.runtime.json.JsonCodec;
import jakarta.decorator.Decorator;
import jakarta.enterprise.context.NormalScope;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Stereotype;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.AfterTypeDiscovery;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.AnnotatedType;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.ProcessBean;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.enterprise.inject.spi.ProcessManagedBean;
import jakarta.enterprise.inject.spi.ProcessObserverMethod;
import jakarta.enterprise.inject.spi.WithAnnotations;
import jakarta.inject.Scope;
import jakarta.interceptor.Interceptor;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.Set;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Finds plugin beans at deployment, in the application, in every bean archive it contains, and in the jars the
 * server gives it as libraries (through their bean indexes, {@link io.yoctopus.api.index}; {@link LibraryBeans}),
 * switches each on or off, and analyses them together. Any problem fails the deployment with one message listing
 * all.
 */
public class PluginExtension implements Extension {

    private static final Logger LOG = Logger.getLogger(PluginExtension.class.getName());

    /** A class of the application's own bean archive, which the beans of library jars are made to belong to. */
    private static final Class<?> APPLICATION_ARCHIVE = ApplicationArchive.class;

    private final Map<Class<?>, Class<? extends Annotation>> plugins = new LinkedHashMap<>();
    /** The {@code @Plugin} classes that are switched on: each must become a bean. */
    private final Set<Class<?>> expected = new LinkedHashSet<>();
    /** The plugins switched off, by name, each with the reason. */
    private final Map<String, String> switchedOff = new LinkedHashMap<>();
    /** The classes the plugin jars' indexes name, each with the index that names it first. */
    private Map<String, URL> indexed = Map.of();
    /** The names of the classes with a bean-defining annotation the container found in the application's archives. */
    private final Set<String> scanned = new HashSet<>();
    /** The classes of library jars, named by their indexes, made beans by {@link LibraryBeans}. */
    private final List<Class<?>> library = new ArrayList<>();
    /** What went wrong before the analysis: unreadable indexes, classes the application cannot use. */
    private final DeploymentProblems discoveryProblems = new DeploymentProblems();
    private final ApplicationBeanManager applicationBeans = new ApplicationBeanManager();
    private final Set<Type> observedSync = new HashSet<>();
    private final Set<Type> observedAsync = new HashSet<>();
    /**
     * The types of every bean of the application, whatever its bean archive: the {@code BeanManager}
     * given to this extension does not see the beans of library jars on every server (Payara's does not).
     */
    private final Set<Type> beanTypes = new HashSet<>();
    /** The class loader of the application's own archives: {@code WEB-INF/classes} and {@code WEB-INF/lib}. */
    private final ClassLoader application;
    private CatalogueModel model;

    public PluginExtension() {
        this(PluginExtension.class.getClassLoader());
    }

    /** @param application the class loader of the application's own archives, where the indexes are read */
    PluginExtension(ClassLoader application) {
        this.application = application;
    }

    /** Reads the indexes of the plugin jars the application sees, once. */
    void readIndexes(@Observes BeforeBeanDiscovery event) {
        indexed = IndexedBeans.named(application, discoveryProblems);
    }

    /**
     * Notes every type with a bean-defining annotation that the container found in the application's archives,
     * and vetoes the plugins that are switched off. A type of a library jar that the container found as well (Open
     * Liberty scans shared libraries) is vetoed: the bean it would make lives in an archive of the library's own,
     * which sees none of the application's beans; {@link LibraryBeans} makes it instead.
     */
    <T> void discover(@Observes @WithAnnotations({NormalScope.class, Scope.class, Stereotype.class, Interceptor.class,
            Decorator.class}) ProcessAnnotatedType<T> event) {
        AnnotatedType<T> type = event.getAnnotatedType();
        Class<T> javaClass = type.getJavaClass();
        if (javaClass.getClassLoader() != application && indexed.containsKey(javaClass.getName())) {
            event.veto();
            return;
        }
        scanned.add(javaClass.getName());
        Plugin plugin = type.getAnnotation(Plugin.class);
        if (plugin == null) {
            return;
        }
        if (isOn(plugin)) {
            expected.add(type.getJavaClass());
        } else {
            event.veto();
        }
    }

    /** Whether the plugin is switched on; if not, notes and logs why. */
    private boolean isOn(Plugin plugin) {
        Optional<String> off = new PluginSwitches(key -> config().getOptionalValue(key, Boolean.class))
                .offReason(plugin.value(), plugin.enabledBy());
        off.ifPresent(reason -> {
            LOG.info(() -> "plugin '" + plugin.value() + "' is off (" + reason + ")");
            switchedOff.put(plugin.value(), reason);
        });
        return off.isEmpty();
    }

    /** Loads the indexed classes the container did not find in the application's archives: those of library jars. */
    void loadLibraryClasses(@Observes AfterTypeDiscovery event) {
        library.addAll(IndexedBeans.load(indexed, name -> !scanned.contains(name), application, Plugin.class,
                discoveryProblems));
    }

    /** Makes beans of the classes of library jars: the plugins switched on, and the other beans of their jars. */
    void addLibraryBeans(@Observes AfterBeanDiscovery event, BeanManager beans) {
        LibraryBeans made = new LibraryBeans(APPLICATION_ARCHIVE, applicationBeans);
        for (Class<?> type : library) {
            addLibraryBean(event, beans, made, type);
        }
        if (!library.isEmpty()) {
            LOG.info(() -> "beans from plugin jars given to the server as libraries: "
                    + String.join(", ", library.stream().map(Class::getName).toList()));
        }
    }

    private <T> void addLibraryBean(AfterBeanDiscovery event, BeanManager beans, LibraryBeans made, Class<T> type) {
        Plugin plugin = type.getAnnotation(Plugin.class);
        if (plugin != null && !isOn(plugin)) {
            return;
        }
        AnnotatedType<T> annotated = beans.createAnnotatedType(type);
        List<String> unsupported = LibraryBeans.unsupported(annotated, beans);
        if (!unsupported.isEmpty()) {
            unsupported.forEach(discoveryProblems::add);
            return;
        }
        if (plugin != null) {
            expected.add(type);
        }
        // what CDI would not make a bean is left out, as CDI leaves it out; a plugin is then reported as no bean
        if (NotABean.violation(type).isEmpty()) {
            LibraryBean<T> bean = made.register(event, annotated, beans);
            if (plugin != null) {
                plugins.put(type, bean.getScope());
            }
        }
    }

    /**
     * Looks the application's {@code BeanManager} up as the application starts, where every server can tell it,
     * rather than on the thread that first needs a bean of a library jar.
     */
    void lookUpApplicationBeans(@Observes @Initialized(ApplicationScoped.class) Object started) {
        if (!library.isEmpty()) {
            applicationBeans.get();
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
        discoveryProblems.list().forEach(problems::add);
        expected.stream().filter(type -> !plugins.containsKey(type))
                .forEach(type -> problems.add(NotABean.problem(type.getAnnotation(Plugin.class).value(), type)));
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
    CatalogueModel analyze(Map<Class<?>, Class<? extends Annotation>> classes, BeanManager beans,
            DeploymentProblems problems) {
        return analyze(classes, check -> !beans.getBeans(check, Any.Literal.INSTANCE).isEmpty(), problems);
    }

    private CatalogueModel analyze(Map<Class<?>, Class<? extends Annotation>> classes, Predicate<Class<?>> isBean,
            DeploymentProblems problems) {
        Config config = config();
        CatalogueModel analysed;
        try (JsonCodec json = new JsonCodec()) {
            analysed = CatalogueAnalysis.analyze(classes,
                    (plugin, endpoint) -> config.getOptionalValue(CatalogueAnalysis.aliasKey(plugin, endpoint), String.class),
                    switchedOff, json, problems);
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
