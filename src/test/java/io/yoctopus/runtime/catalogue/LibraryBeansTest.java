package io.yoctopus.runtime.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yoctopus.api.Handles;
import io.yoctopus.api.Plugin;
import io.yoctopus.api.index.BeanIndex;
import io.yoctopus.plugins.core.CorePlugin;
import io.yoctopus.runtime.json.JsonProducer;
import io.yoctopus.runtime.metrics.MetricsProducer;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.decorator.Decorator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.event.ObserverException;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Reception;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.CreationException;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.Stereotype;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.DefinitionException;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.enterprise.inject.spi.EventMetadata;
import jakarta.enterprise.inject.spi.InjectionPoint;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InterceptorBinding;
import java.io.IOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plugins of jars the server gives the application as libraries, under Weld SE: the application's class loader sees
 * an index naming classes the container does not scan, and the extension makes them beans with injection.
 */
class LibraryBeansTest {

    private static final String LIB_SWITCH = CatalogueAnalysis.enabledKey("lib");
    /** What the library's beans did, in order; static because the library's instances are made by CDI. */
    static final List<String> LOG = new CopyOnWriteArrayList<>();

    @TempDir
    Path directory;

    @AfterEach
    void clear() {
        System.clearProperty(LIB_SWITCH);
        LOG.clear();
    }

    // ----- the application's beans -----

    @ApplicationScoped
    public static class Greeting {
        String word() {
            return "hello";
        }
    }

    public record Ping(String text) {
    }

    // ----- the library's beans -----

    public static class Base {
        @Inject
        Greeting baseGreeting;

        @Inject
        void baseInit(Greeting greeting) {
            LOG.add("base method, field " + (baseGreeting != null));
        }

        @PostConstruct
        void basePost() {
            LOG.add("base post-construct");
        }
    }

    @ApplicationScoped
    public static class Helper {
        String help() {
            return "helped";
        }

        @PreDestroy
        void gone() {
            LOG.add("helper destroyed");
        }
    }

    @Dependent
    public static class Scratch {
        @PreDestroy
        void gone() {
            LOG.add("scratch destroyed");
        }
    }

    @Plugin("lib")
    public static class LibPlugin extends Base {
        private final Helper helper;

        @Inject
        Greeting greeting;

        LibPlugin() {
            this(null);
        }

        @Inject
        LibPlugin(Helper helper) {
            this.helper = helper;
        }

        @Inject
        void init(Greeting greeting) {
            LOG.add("method, field " + (this.greeting != null));
        }

        @PostConstruct
        void post() {
            LOG.add("post-construct");
        }

        @Handles(endpoint = "greet", method = "read")
        public Map<String, String> greet() {
            return Map.of("greeting", greeting.word(), "help", helper.help());
        }

        void seen(@Observes Ping ping, EventMetadata metadata, Scratch scratch) {
            LOG.add("seen " + ping.text() + " as " + metadata.getType().getTypeName());
        }
    }

    @ApplicationScoped
    public static class Lazy {
        void seen(@Observes(notifyObserver = Reception.IF_EXISTS) Ping ping) {
            LOG.add("lazy saw " + ping.text());
        }
    }

    /** Private members too: the library's classes are no nestmates of the code that makes them. */
    @ApplicationScoped
    public static class Holder {
        @Inject
        private Part part;
        private String state;

        @PostConstruct
        private void start() {
            state = part == null ? "no part" : "held";
        }

        String hold() {
            return state;
        }
    }

    @Dependent
    public static class Part {
        @PreDestroy
        void gone() {
            LOG.add("part destroyed");
        }
    }

    @Dependent
    public static class Constructed {
        final String constructor;
        Greeting notInjected;

        // declared first, so that a choice of the first constructor would take it
        Constructed(Greeting greeting) {
            constructor = "with a parameter";
        }

        Constructed() {
            constructor = "without parameters";
        }
    }

    public record Tick() {
    }

    @Dependent
    public static class Watcher {
        private void seen(@Observes Tick tick) {
            LOG.add("watcher saw a tick");
        }

        @PreDestroy
        private void gone() {
            LOG.add("watcher destroyed");
        }
    }

    @Stereotype
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    public @interface Role {
    }

    @Role
    @Dependent
    public static class Stereotyped {
    }

    /** An alternative no one selects: CDI would make no bean of it that can be injected. */
    @Alternative
    @Dependent
    public static class Unselected {
    }

    @ApplicationScoped
    public static class Producing {
        @Produces
        String value = "v";

        @Produces
        Integer number() {
            return 1;
        }
    }

    @ApplicationScoped
    public static class FailsToStart {
        @PostConstruct
        void start() {
            throw new IllegalStateException("cannot start");
        }

        String hello() {
            return "never";
        }
    }

    public record Boom(boolean checked) {
    }

    @ApplicationScoped
    public static class Throwing {
        void on(@Observes Boom boom) throws IOException {
            if (boom.checked()) {
                throw new IOException("checked");
            }
            throw new IllegalArgumentException("unchecked");
        }
    }

    @InterceptorBinding
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.METHOD})
    public @interface Traced {
    }

    @Stereotype
    @Traced
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    public @interface TracedRole {
    }

    @Interceptor
    public static class Intercepting {
    }

    @Decorator
    public static class Decorating {
    }

    @Traced
    public static class Bound {
    }

    @TracedRole
    public static class RoleBound {
    }

    public static class Disposing {
        void dispose(@Disposes String value) {
        }
    }

    @Plugin("broken")
    public static class Unconstructible {
        public Unconstructible(String value) {
        }

        @Handles(endpoint = "x", method = "read")
        public void read() {
        }
    }

    // ----- helpers -----

    private ClassLoader applicationSeeing(Class<?>... library) throws IOException {
        Path index = directory.resolve(BeanIndex.LOCATION);
        Files.createDirectories(index.getParent());
        Files.writeString(index, Stream.of(library).map(Class::getName).collect(Collectors.joining("\n", "# test\n", "\n")));
        return new URLClassLoader(new URL[] {directory.toUri().toURL()}, getClass().getClassLoader());
    }

    private static Weld weld(ClassLoader application, Class<?>... scanned) {
        return new Weld()
                .disableDiscovery()
                .beanClasses(PluginRegistry.class, JsonProducer.class, MetricsProducer.class, ApplicationArchive.class, CorePlugin.class,
                        Greeting.class)
                .addBeanClasses(scanned)
                .addExtension(new PluginExtension(application));
    }

    /** Each injection point as its member's name and its type's simple name, sorted. */
    private static List<String> described(Set<InjectionPoint> points) {
        return points.stream()
                .map(point -> point.getMember().getName() + ": " + ((Class<?>) point.getType()).getSimpleName())
                .sorted().toList();
    }

    private static Set<String> routes(WeldContainer container) {
        return container.select(PluginRegistry.class).get().routes().routes().keySet();
    }

    // ----- tests -----

    @Test
    void aLibraryPluginIsABeanWithInjectionCallbacksAndObservers() throws Throwable {
        try (WeldContainer container = weld(applicationSeeing(LibPlugin.class, Helper.class, Scratch.class, Lazy.class,
                Stereotyped.class, Unselected.class)).initialize()) {
            assertEquals(Set.of("yoctopus:label", "lib:greet"), routes(container));
            Route greet = container.select(PluginRegistry.class).get().routes().methods("lib:greet").get("read");
            assertEquals(Map.of("greeting", "hello", "help", "helped"), greet.invoke(new Object[0]));
            // superclass first, fields before methods, then the post-construct callbacks, superclass first
            assertEquals(List.of("base method, field true", "method, field true", "base post-construct", "post-construct"),
                    LOG);

            LOG.clear();
            container.getBeanManager().getEvent().select(Ping.class).fire(new Ping("one"));
            // the dependent parameter is destroyed after the call; Lazy has no instance, so it is not made for it
            assertEquals(Set.of("seen one as " + Ping.class.getName(), "scratch destroyed"), Set.copyOf(LOG));
            assertEquals("seen one as " + Ping.class.getName(), LOG.get(0));

            Set<Bean<?>> beans = container.getBeanManager().getBeans(LibPlugin.class);
            Bean<?> bean = beans.iterator().next();
            assertEquals(1, beans.size());
            assertInstanceOf(LibraryBean.class, bean);
            assertEquals(ApplicationArchive.class, bean.getBeanClass());
            assertEquals(ApplicationScoped.class, bean.getScope());
            assertEquals(LibraryBean.class.getName() + ":" + LibPlugin.class.getName(), ((LibraryBean<?>) bean).getId());
            assertEquals(LibPlugin.class, ((LibraryBean<?>) bean).type());
            assertEquals("Yoctopus library bean of " + LibPlugin.class.getName(), bean.toString());
            // every injection point for the container to validate, the observer's too, but not the event or its metadata
            assertEquals(List.of("baseGreeting: Greeting", "baseInit: Greeting", "greeting: Greeting", "init: Greeting",
                    LibPlugin.class.getName() + ": Helper", "seen: Scratch"), described(bean.getInjectionPoints()));
            assertEquals(Set.of(Role.class), container.getBeanManager().getBeans(Stereotyped.class).iterator().next()
                    .getStereotypes());
            assertTrue(container.select(Unselected.class).isUnsatisfied(), "an alternative no one selects");

            container.select(Lazy.class).get().toString();
            LOG.clear();
            container.getBeanManager().getEvent().select(Ping.class).fire(new Ping("two"));
            assertTrue(LOG.contains("lazy saw two"), LOG.toString());
        }
        assertTrue(LOG.contains("helper destroyed"), LOG.toString());
    }

    @Test
    void aLibraryBeanIsMadeAndDestroyedAsCdiMakesAManagedBean() throws IOException {
        try (WeldContainer container = weld(applicationSeeing(Constructed.class, Holder.class, Part.class, Watcher.class))
                .initialize()) {
            Constructed constructed = container.select(Constructed.class).get();
            assertEquals("without parameters", constructed.constructor, "no constructor is annotated @Inject");
            assertNull(constructed.notInjected, "a field not annotated @Inject");
            assertEquals("held", container.select(Holder.class).get().hold());

            container.getBeanManager().getEvent().select(Tick.class).fire(new Tick());
            // a dependent observer's instance is made for the call, and destroyed after it
            assertEquals(List.of("watcher saw a tick", "watcher destroyed"), LOG);
        }
        // destroyed with the instance that holds them
        assertEquals(List.of("watcher saw a tick", "watcher destroyed", "part destroyed"), LOG);
    }

    /** Open Liberty scans a shared library itself, into an archive of its own: that bean is dropped for ours. */
    @Test
    void aLibraryClassTheContainerFoundAsWellIsMadeOnceOurWay() throws Throwable {
        try (WeldContainer container = weld(applicationSeeing(LibPlugin.class, Helper.class, Scratch.class),
                LibPlugin.class, Helper.class).initialize()) {
            assertEquals(Set.of("yoctopus:label", "lib:greet"), routes(container));
            assertInstanceOf(LibraryBean.class, container.getBeanManager().getBeans(LibPlugin.class).iterator().next());
            assertInstanceOf(LibraryBean.class, container.getBeanManager().getBeans(Helper.class).iterator().next());
        }
    }

    /** What goes wrong in a library bean's callbacks and observers reaches the caller as it would from any bean. */
    @Test
    void failuresOfCallbacksAndObserversReachTheCaller() throws IOException {
        try (WeldContainer container = weld(applicationSeeing(FailsToStart.class, Throwing.class)).initialize()) {
            FailsToStart failing = container.select(FailsToStart.class).get();
            CreationException creation = assertThrows(CreationException.class, failing::hello);
            assertEquals("cannot start", creation.getCause().getMessage());
            assertInstanceOf(IllegalStateException.class, creation.getCause());

            var event = container.getBeanManager().getEvent().select(Boom.class);
            // Weld wraps what a synthetic observer throws, unchecked or not (Failures takes the wrapper off)
            ObserverException unchecked = assertThrows(ObserverException.class, () -> event.fire(new Boom(false)));
            assertInstanceOf(IllegalArgumentException.class, unchecked.getCause());
            assertEquals("unchecked", unchecked.getCause().getMessage());
            ObserverException checked = assertThrows(ObserverException.class, () -> event.fire(new Boom(true)));
            assertInstanceOf(IOException.class, checked.getCause());
            assertEquals("checked", checked.getCause().getMessage());
        }
    }

    @Test
    void aLibraryPluginCanBeSwitchedOff() throws IOException {
        System.setProperty(LIB_SWITCH, "false");
        try (WeldContainer container = weld(applicationSeeing(LibPlugin.class, Helper.class, Scratch.class)).initialize()) {
            assertEquals(Set.of("yoctopus:label"), routes(container));
            assertEquals(Set.of(), container.getBeanManager().getBeans(LibPlugin.class));
        }
    }

    @Test
    void whatALibraryCannotDeclareAndAPluginThatCannotBeABeanFailTheDeploymentNamingThem() throws IOException {
        Weld weld = weld(applicationSeeing(Producing.class, Unconstructible.class, Intercepting.class, Decorating.class,
                Bound.class, RoleBound.class, Disposing.class));
        DeploymentException failure = assertThrows(DeploymentException.class, weld::initialize);
        String message = assertInstanceOf(DefinitionException.class, failure.getCause()).getMessage();
        assertTrue(message.startsWith("Yoctopus found 8 problems"), message);
        String producing = Producing.class.getName();
        assertTrue(message.contains("\n  - " + producing + ".value is a producer field: " + LibraryBeans.UNSUPPORTED), message);
        assertTrue(message.contains("\n  - " + producing + ".number() is a producer method: " + LibraryBeans.UNSUPPORTED),
                message);
        assertTrue(message.contains("\n  - " + NotABean.problem("broken", Unconstructible.class)), message);
        assertTrue(message.contains("\n  - " + Intercepting.class.getName() + " is an interceptor: " + LibraryBeans.UNSUPPORTED),
                message);
        assertTrue(message.contains("\n  - " + Decorating.class.getName() + " is a decorator: " + LibraryBeans.UNSUPPORTED),
                message);
        assertTrue(message.contains("\n  - " + Bound.class.getName() + " has an interceptor binding: " + LibraryBeans.UNSUPPORTED),
                message);
        assertTrue(message.contains("\n  - " + RoleBound.class.getName() + " has an interceptor binding: "
                + LibraryBeans.UNSUPPORTED), message);
        assertTrue(message.contains("\n  - " + Disposing.class.getName() + ".dispose() is a disposer method: "
                + LibraryBeans.UNSUPPORTED), message);
    }
}
