package io.yoctopus.runtime.catalogue;

import io.yoctopus.runtime.metrics.MetricsProducer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.yoctopus.api.ConnectionSettings;
import io.yoctopus.api.Handles;
import io.yoctopus.api.Plugin;
import io.yoctopus.api.RequirementCheck;
import io.yoctopus.api.Requires;
import io.yoctopus.api.Setting;
import io.yoctopus.api.Subscription;
import io.yoctopus.api.events.CatalogueChanged;
import io.yoctopus.plugins.core.CorePlugin;
import io.yoctopus.runtime.json.JsonCodec;
import io.yoctopus.runtime.json.JsonProducer;
import io.yoctopus.runtime.metrics.EndpointStats;
import io.yoctopus.runtime.metrics.Metrics;
import io.yoctopus.runtime.testing.CapturedLog;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.DefinitionException;
import jakarta.json.JsonObject;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The registry under Weld SE: the catalogue clients are shown, and plugins installed and removed at run
 * time, each change announced with the new catalogue; an invalid plugin is refused as the API promises.
 */
class PluginRegistryTest {

    /** What the bundled core plugin alone renders. */
    private static final String CORE = "\"yoctopus:label\":{\"update\":{\"requestFormat\":\"string\"}}";

    // ----- plugins -----

    public record Name(String first, Optional<String> last) {
    }

    @ApplicationScoped
    public static class Allow implements RequirementCheck {
        @Override
        public CompletionStage<Boolean> test(ConnectionSettings settings, String connectionId) {
            return CompletableFuture.completedFuture(true);
        }
    }

    /** Installed at run time: methods and addresses out of order, with a format and requirements. */
    @Plugin("late")
    @Setting(name = "vip", type = Boolean.class)
    public static class Late {
        @Handles(endpoint = "zeta", method = "update")
        @Requires(setting = "late.vip", equals = "true")
        @Requires(check = Allow.class)
        public void update(Name name) {
        }

        @Handles(endpoint = "zeta", method = "delete")
        public void delete() {
        }

        @Handles(endpoint = "alpha", method = "read")
        public void read() {
        }
    }

    /** A requirement check that is no bean: nothing could make it. */
    public static class Unmade implements RequirementCheck {
        @Override
        public CompletionStage<Boolean> test(ConnectionSettings settings, String connectionId) {
            return CompletableFuture.completedFuture(true);
        }
    }

    @Plugin("broken")
    public static class Broken {
        @Handles(endpoint = "x", method = "read")
        public void read(Thread thread) {
        }

        @Handles(endpoint = "y", method = "read")
        @Requires(check = Unmade.class)
        public void checked() {
        }
    }

    public static class NoPlugin {
    }

    /** A second plugin installed at run time, with a binary handler. */
    @Plugin("other")
    public static class Other {
        @Handles(endpoint = "x", method = "read")
        public void read() {
        }

        @io.yoctopus.api.HandlesBinary
        public void bytes(byte[] bytes) {
        }
    }

    /** Records the catalogue changes the application observes. */
    @ApplicationScoped
    public static class Watcher {
        private final BlockingQueue<JsonObject> changes = new LinkedBlockingQueue<>();

        void changed(@Observes CatalogueChanged change) {
            changes.add(change.catalogue());
        }

        /** The catalogue of the next change; fails if none was announced (synchronously, so by now). */
        JsonObject next() {
            JsonObject catalogue = changes.poll();
            assertNotNull(catalogue, "no catalogue change was announced");
            return catalogue;
        }

        /** The observer is synchronous: a change not announced by now is never announced. */
        void assertNoChange() {
            assertNull(changes.poll(), "no catalogue change should have been announced");
        }
    }

    // ----- fixture -----

    private WeldContainer container;
    private PluginRegistry registry;
    private Watcher watcher;
    private JsonCodec json;

    @BeforeEach
    void boot() {
        container = new Weld()
                .disableDiscovery()
                .beanClasses(PluginRegistry.class, JsonProducer.class, MetricsProducer.class, CorePlugin.class, Allow.class, Watcher.class)
                .addExtension(new PluginExtension())
                .initialize();
        registry = container.select(PluginRegistry.class).get();
        watcher = container.select(Watcher.class).get();
        json = container.select(JsonCodec.class).get();
    }

    @AfterEach
    void shutDown() {
        container.close();
    }

    private JsonObject object(String text) {
        return json.parse(text).asJsonObject();
    }

    // ----- the catalogue -----

    @Test
    void theDeployedCatalogueIsRendered() {
        assertEquals(object("{" + CORE + "}"), registry.catalogue());
        assertEquals(Set.of("yoctopus"), registry.names());
        watcher.assertNoChange();
    }

    @Test
    void anInstalledPluginIsAnnouncedWithTheNewCatalogueAndItsRemovalToo() {
        Subscription installed = registry.install(new Late());
        String late = "{\"late:alpha\":{\"read\":{}},"
                + "\"late:zeta\":{\"delete\":{},\"update\":{\"requestFormat\":{\"first\":\"string\",\"last?\":\"string\"},"
                + "\"requirements\":[\"late.vip = true\",\"Allow\"]}}," + CORE + "}";
        JsonObject announced = watcher.next();
        assertEquals(object(late), announced);
        assertEquals(late, announced.toString(), "addresses and methods sorted");
        assertEquals(announced, registry.catalogue());
        assertEquals(Set.of("yoctopus", "late"), registry.names());

        installed.close();
        assertEquals(object("{" + CORE + "}"), watcher.next());
        assertEquals(Set.of("yoctopus"), registry.names());
        installed.close();
        watcher.assertNoChange();
        assertEquals(Set.of("yoctopus"), registry.names(), "a second close removes nothing more");
    }

    // ----- refusals -----

    @Test
    void anInvalidPluginIsRefusedWithEveryProblemAndChangesNothing() {
        DefinitionException refused = assertThrows(DefinitionException.class, () -> registry.install(new Broken()));
        assertEquals("Yoctopus found 2 problems in the plugin declarations:\n  - plugin 'broken' handler "
                + Broken.class.getName() + ".read(Thread) parameter 'thread': java.lang.Thread is not a supported format"
                + " type (use a record for objects)\n  - plugin 'broken' handler " + Broken.class.getName()
                + ".checked(): requirement check " + Unmade.class.getName() + " is not a CDI bean", refused.getMessage());
        assertEquals(Set.of("yoctopus"), registry.names());
        assertEquals(object("{" + CORE + "}"), registry.catalogue());
        watcher.assertNoChange();
    }

    @Test
    void anObjectThatIsNoPluginOrIsInstalledAlreadyIsRefused() {
        assertEquals(NoPlugin.class.getName() + " is not annotated @Plugin",
                assertThrows(DefinitionException.class, () -> registry.install(new NoPlugin())).getMessage());
        registry.install(new Late());
        watcher.next();
        assertEquals("a plugin of " + Late.class.getName() + " is installed already",
                assertThrows(DefinitionException.class, () -> registry.install(new Late())).getMessage());
        watcher.assertNoChange();
    }

    // ----- disabling and enabling at run time -----

    private static final String LATE = "{\"late:alpha\":{\"read\":{}},"
            + "\"late:zeta\":{\"delete\":{},\"update\":{\"requestFormat\":{\"first\":\"string\",\"last?\":\"string\"},"
            + "\"requirements\":[\"late.vip = true\",\"Allow\"]}}," + CORE + "}";

    private static List<String> messages(CapturedLog log) {
        return log.records().stream().map(LogRecord::getMessage).toList();
    }

    @Test
    void aDisabledPluginIsNoLongerServedUntilItIsEnabledEachChangeAnnouncedAndLogged() {
        registry.install(new Late());
        watcher.next();
        EndpointStats alpha = registry.routes().methods("late:alpha").get("read").stats();
        try (CapturedLog log = CapturedLog.of(PluginRegistry.class, Level.INFO)) {
            assertTrue(registry.disable("late"));
            assertEquals(object("{" + CORE + "}"), watcher.next());
            assertEquals(Set.of("yoctopus"), registry.names());
            assertEquals(Map.of(), registry.routes().methods("late:alpha"));
            assertEquals(List.of(new PluginRegistry.PluginState("yoctopus", true, List.of("yoctopus:label update")),
                    new PluginRegistry.PluginState("late", false,
                            List.of("late:alpha read", "late:zeta delete", "late:zeta update"))), registry.plugins());

            assertFalse(registry.disable("late"), "disabled already");
            watcher.assertNoChange();

            assertTrue(registry.enable("late"));
            assertEquals(object(LATE), watcher.next());
            assertEquals(Set.of("yoctopus", "late"), registry.names());
            assertSame(alpha, registry.routes().methods("late:alpha").get("read").stats(), "its figures go on");
            assertFalse(registry.enable("late"), "enabled already");
            watcher.assertNoChange();
            assertEquals(List.of(
                    "plugin 'late' disabled: no longer serving [late:alpha read, late:zeta delete, late:zeta update]",
                    "plugin 'late' enabled: serving [late:alpha read, late:zeta delete, late:zeta update] again"),
                    messages(log));
        }
    }

    @Test
    void aDisabledPluginStaysDisabledWhenOthersAreInstalledAndItsRequirementsStillResolve() {
        registry.disable("yoctopus");
        assertEquals(object("{}"), watcher.next());
        Subscription late = registry.install(new Late());
        watcher.next();
        registry.install(new Other());
        assertEquals(Set.of("late", "other"), registry.names());
        assertTrue(registry.routes().binary().isPresent());
        assertEquals(new PluginRegistry.PluginState("other", true, List.of(Metrics.BINARY, "other:x read")),
                registry.plugins().get(2));
        late.close();
        assertEquals(List.of("yoctopus", "other"),
                registry.plugins().stream().map(PluginRegistry.PluginState::name).toList());
        assertEquals(Set.of("other"), registry.names(), "still disabled after the rebuilds");
    }

    @Test
    void onlyAPluginThatExistsCanBeDisabledOrEnabled() {
        assertEquals("no plugin 'nope'; plugins: yoctopus",
                assertThrows(IllegalArgumentException.class, () -> registry.disable("nope")).getMessage());
        assertEquals("no plugin 'nope'; plugins: yoctopus",
                assertThrows(IllegalArgumentException.class, () -> registry.enable("nope")).getMessage());
        watcher.assertNoChange();
    }
}
