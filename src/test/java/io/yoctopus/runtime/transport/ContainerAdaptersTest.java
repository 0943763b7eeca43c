package io.yoctopus.runtime.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.yoctopus.runtime.testing.ManualScheduler;
import io.yoctopus.runtime.testing.Quietly;
import jakarta.servlet.ServletContext;
import jakarta.websocket.server.ServerContainer;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

/**
 * Which container adapter the application gets: detected by a class only its server has, seen through class
 * loaders that show or hide it (Tyrus is on the test class path, as it is on Payara's).
 */
class ContainerAdaptersTest {

    private static final String TYRUS_MARKER = "org.glassfish.tyrus.core.TyrusSession";
    private static final String TYRUS_ADAPTER = "io.yoctopus.runtime.adapters.tyrus.TyrusAdapter";

    private final ManualScheduler timers = new ManualScheduler();

    /** Sees what the test sees, except the named classes: missing, or failing to link. */
    static final class Hiding extends ClassLoader {
        private final List<String> missing;
        private final List<String> broken;

        Hiding(List<String> missing, List<String> broken) {
            super(ContainerAdaptersTest.class.getClassLoader());
            this.missing = missing;
            this.broken = broken;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (missing.contains(name)) {
                throw new ClassNotFoundException(name);
            }
            if (broken.contains(name)) {
                throw new NoClassDefFoundError(name);
            }
            return super.loadClass(name, resolve);
        }
    }

    private static Config config(Map<String, String> values) {
        return new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(values, "test", 500)).build();
    }

    @Test
    void whereTyrusIsVisibleItsAdapterIsMadeWithTheTimersAndTheConfiguration() {
        ContainerAdapter adapter = ContainerAdapters.detect(getClass().getClassLoader(), timers, config(Map.of()));
        assertEquals(TYRUS_ADAPTER, adapter.getClass().getName());
        assertEquals("Tyrus (timers on the plain scheduler)", adapter.name());
        ContainerAdapter off = ContainerAdapters.detect(getClass().getClassLoader(), timers,
                config(Map.of("yoctopus.tyrus.plainScheduler", "false")));
        assertEquals("Tyrus", off.name(), "the configuration reached the adapter");
    }

    @Test
    void elsewhereTheStandardAdapter() {
        assertSame(ContainerAdapter.NONE, ContainerAdapters.detect(new Hiding(List.of(TYRUS_MARKER), List.of()),
                timers, config(Map.of())));
        assertSame(ContainerAdapter.NONE, ContainerAdapters.detect(new Hiding(List.of(), List.of(TYRUS_MARKER)),
                timers, config(Map.of())), "a marker that cannot be linked is not there");
    }

    @Test
    void anAdapterThatCannotBeLoadedLeavesTheStandardOne() {
        assertSame(ContainerAdapter.NONE, Quietly.get(ContainerAdapters.class, () -> ContainerAdapters.detect(
                new Hiding(List.of(TYRUS_ADAPTER), List.of()), timers, config(Map.of()))));
        assertSame(ContainerAdapter.NONE, Quietly.get(ContainerAdapters.class, () -> ContainerAdapters.detect(
                new Hiding(List.of(), List.of(TYRUS_ADAPTER)), timers, config(Map.of()))));
    }

    @Test
    void theBeanDetectsThroughTheApplicationsClassLoaderAtStart() {
        ContainerAdapters adapters = new ContainerAdapters();
        adapters.scheduler = new TransportStubs.ManualTransportScheduler();
        adapters.settings = TransportStubs.defaultSettings();
        assertSame(ContainerAdapter.NONE, adapters.adapter(), "before start");
        adapters.detect();
        assertEquals(TYRUS_ADAPTER, adapters.adapter().getClass().getName());
    }

    /** A fake of a server's interface that answers only what {@code answer} knows; anything else fails the test. */
    private static <T> T fake(Class<T> type, BiFunction<String, Object[], Object> answer) {
        return type.cast(Proxy.newProxyInstance(ContainerAdaptersTest.class.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> answer.apply(method.getName(), args)));
    }

    private static ServletContext context(Object serverContainer) {
        return fake(ServletContext.class, (method, args) -> {
            if (method.equals("getAttribute") && ServerContainer.class.getName().equals(args[0])) {
                return serverContainer;
            }
            throw new AssertionError("not asked of a servlet context here: " + method);
        });
    }

    private static ServerContainer serverContainer() {
        return fake(ServerContainer.class, (method, args) -> {
            throw new AssertionError("the adapter is the one to use the container");
        });
    }

    @Test
    void atStartTheAdapterBoundsTheContainerByTheLargerMessageLimit() {
        ContainerAdapters adapters = new ContainerAdapters();
        TransportStubs.RecordingAdapter adapter = new TransportStubs.RecordingAdapter();
        adapters.adapter = adapter;
        adapters.settings = TransportStubs.defaultSettings();
        adapters.settings.maxTextMessageSize = 100;
        adapters.settings.maxBinaryMessageSize = 300;
        adapters.start(context(serverContainer()));
        adapters.settings.maxTextMessageSize = 500;
        adapters.start(context(serverContainer()));
        assertEquals(List.of("started 300", "started 500"), adapter.calls);
    }

    @Test
    void withoutAWebSocketContainerThereIsNothingToStart() {
        ContainerAdapters adapters = new ContainerAdapters();
        TransportStubs.RecordingAdapter adapter = new TransportStubs.RecordingAdapter();
        adapters.adapter = adapter;
        adapters.settings = TransportStubs.defaultSettings();
        adapters.start(context(null));
        adapters.start(context("not a container"));
        assertEquals(List.of(), adapter.calls);
        adapters.stop();
        assertEquals(List.of("stop"), adapter.calls, "and stopping stops the adapter");
    }

    @Test
    void theStandardAdapterDoesNothingBeyondTheStandard() {
        ContainerAdapter none = ContainerAdapter.NONE;
        assertEquals("standard", none.name());
        assertTrue(none.replaceClose(null, null).isEmpty());
        assertEquals(Map.of(), none.statistics());
        none.started(null, 1);
        none.opened(null);
        none.closed(null);
        none.stop();
    }
}
