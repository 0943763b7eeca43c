package io.yoctopus.runtime.catalogue;

import io.yoctopus.runtime.metrics.MetricsProducer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yoctopus.api.ConnectionSettings;
import io.yoctopus.api.Handles;
import io.yoctopus.api.Plugin;
import io.yoctopus.api.RequirementCheck;
import io.yoctopus.api.Requires;
import io.yoctopus.api.Setting;
import io.yoctopus.plugins.core.CorePlugin;
import io.yoctopus.runtime.json.JsonProducer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.spi.DefinitionException;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The portable extension under Weld SE: plugins found, analysed, bound; invalid ones fail the boot. */
class PluginExtensionTest {

    private static final String SWITCH = "yoctopus.test.switchable.enabled";
    private static final String ALIAS = CatalogueAnalysis.aliasKey("counter", "count");

    private static final String COUNTER_SWITCH = CatalogueAnalysis.enabledKey("counter");
    private static final String SWITCHABLE_SWITCH = CatalogueAnalysis.enabledKey("switchable");

    @AfterEach
    void clearProperties() {
        System.clearProperty(SWITCH);
        System.clearProperty(ALIAS);
        System.clearProperty(COUNTER_SWITCH);
        System.clearProperty(SWITCHABLE_SWITCH);
    }

    // ----- test beans -----

    @ApplicationScoped
    public static class Tally {
        private int count;

        synchronized int next() {
            return ++count;
        }
    }

    @Plugin("counter")
    @Setting(name = "allowed", type = Boolean.class)
    @ApplicationScoped
    public static class Counter {
        @Inject
        Tally tally;

        @Handles(endpoint = "count", method = "update")
        @Requires(check = Always.class)
        public Map<String, Integer> count() {
            return Map.of("count", tally.next());
        }

        @Handles(endpoint = "count", method = "read")
        @Requires(setting = "counter.allowed", equals = "true")
        public void read() {
        }
    }

    @ApplicationScoped
    public static class Always implements RequirementCheck {
        @Override
        public CompletionStage<Boolean> test(ConnectionSettings settings, String connectionId) {
            return CompletableFuture.completedFuture(true);
        }
    }

    @Plugin(value = "switchable", enabledBy = SWITCH)
    @ApplicationScoped
    public static class Switchable {
        @Handles(endpoint = "state", method = "read")
        public String state() {
            return "on";
        }
    }

    @Plugin("dependent")
    @Dependent
    public static class DependentPlugin {
        @Handles(endpoint = "x", method = "read")
        public void read(Thread thread) {
        }
    }

    /** A check that is not a bean of the deployment. */
    public static class Stranger implements RequirementCheck {
        @Override
        public CompletionStage<Boolean> test(ConnectionSettings settings, String connectionId) {
            return CompletableFuture.completedFuture(false);
        }
    }

    @Plugin("strange")
    @ApplicationScoped
    public static class StrangeCheck {
        @Handles(endpoint = "x", method = "read")
        @Requires(check = Stranger.class)
        public void read() {
        }
    }

    /** {@code @Plugin} alone: the stereotype makes it an application-scoped bean. */
    @Plugin("bare")
    public static class Bare {
        @Inject
        Tally tally;

        @Handles(endpoint = "next", method = "update")
        public int next() {
            return tally.next();
        }
    }

    /** No plugin ({@code @Plugin} is not inherited), but a bean of the plugin's type as well. */
    public static class AlsoBare extends Bare {
        @Override
        public int next() {
            return -1;
        }
    }

    /** Cannot be a bean: its only constructor takes a parameter CDI cannot supply. */
    @Plugin("needy")
    public static class Needy {
        public Needy(String greeting) {
        }

        @Handles(endpoint = "x", method = "read")
        public void read() {
        }
    }

    @Plugin("needscounter")
    public static class NeedsCounter {
        @Handles(endpoint = "x", method = "read")
        @Requires(setting = "counter.allowed", equals = "true")
        public void read() {
        }
    }

    // ----- helpers -----

    private static WeldContainer boot(Class<?>... beans) {
        return new Weld()
                .disableDiscovery()
                .beanClasses(PluginRegistry.class, JsonProducer.class, MetricsProducer.class)
                .addBeanClasses(beans)
                .addExtension(new PluginExtension())
                .initialize();
    }

    private static Catalogue catalogue(WeldContainer container) {
        return container.select(PluginRegistry.class).get().routes();
    }

    private static Set<String> addresses(Class<?>... beans) {
        try (WeldContainer container = boot(beans)) {
            return catalogue(container).routes().keySet();
        }
    }

    // ----- tests -----

    @Test
    void validPluginsBootAndTheRegistryHoldsTheirRoutes() throws Throwable {
        try (WeldContainer container = boot(CorePlugin.class, Counter.class, Tally.class, Always.class)) {
            Catalogue catalogue = catalogue(container);
            assertEquals(Set.of("yoctopus:label", "counter:count"), catalogue.routes().keySet());
            assertEquals(Set.of("read", "update"), catalogue.methods("counter:count").keySet());
            assertThrows(UnsupportedOperationException.class, () -> catalogue.methods("counter:count").clear(),
                    "every request's thread reads the catalogue: no one can change it");

            Route count = catalogue.methods("counter:count").get("update");
            assertInstanceOf(Always.class, count.checks().get(0));
            assertEquals(Map.of("count", 1), count.invoke(new Object[0]));
            assertEquals(Map.of("count", 2), count.invoke(new Object[0]));
            assertEquals(Map.of("allowed", SettingType.BOOL), catalogue.plugin("counter").orElseThrow().settings());
        }
    }

    @Test
    void aliasesComeFromMicroProfileConfig() {
        System.setProperty(ALIAS, "count");
        assertEquals(Set.of("count"), addresses(Counter.class, Tally.class, Always.class));
    }

    /** Weld reports a problem added in {@code AfterDeploymentValidation} as a DeploymentException around ours. */
    @Test
    void invalidPluginsFailTheBootListingEveryProblem() {
        Weld weld = new Weld().disableDiscovery()
                .beanClasses(PluginRegistry.class, JsonProducer.class, MetricsProducer.class, DependentPlugin.class, StrangeCheck.class)
                .addExtension(new PluginExtension());
        DeploymentException failure = assertThrows(DeploymentException.class, weld::initialize);
        DefinitionException problems = assertInstanceOf(DefinitionException.class, failure.getCause());
        String message = problems.getMessage();
        assertTrue(message.contains("Yoctopus found 3 problems"), message);
        assertTrue(message.contains("plugin 'dependent' (" + DependentPlugin.class.getName()
                + ") must be application-scoped, not @Dependent (@Plugin alone makes it @ApplicationScoped)"), message);
        assertTrue(message.contains(DependentPlugin.class.getName() + ".read(Thread) parameter 'thread'"), message);
        assertTrue(message.contains("plugin 'strange' handler " + StrangeCheck.class.getName()
                + ".read(): requirement check " + Stranger.class.getName() + " is not a CDI bean"), message);
    }

    @Test
    void aPluginWithAnEnablingKeyIsVetoedUnlessTheKeyIsTrue() {
        assertEquals(Set.of("yoctopus:label"), addresses(CorePlugin.class, Switchable.class));
        System.setProperty(SWITCH, "false");
        assertEquals(Set.of("yoctopus:label"), addresses(CorePlugin.class, Switchable.class));
    }

    @Test
    void aPluginWithAnEnablingKeyIsInstalledWhenTheKeyIsTrue() {
        System.setProperty(SWITCH, "true");
        assertEquals(Set.of("yoctopus:label", "switchable:state"), addresses(CorePlugin.class, Switchable.class));
    }

    @Test
    void pluginAloneMakesAnApplicationScopedBean() throws Throwable {
        try (WeldContainer container = boot(Bare.class, Tally.class)) {
            assertEquals(ApplicationScoped.class, container.getBeanManager().getBeans(Bare.class).iterator().next().getScope());
            Route next = catalogue(container).methods("bare:next").get("update");
            assertEquals(1, next.invoke(new Object[0]));
            assertEquals(2, next.invoke(new Object[0]));
        }
    }

    /** Weld lists the two beans of the plugin's type in no fixed order: the choice must not depend on it. */
    @Test
    void aPluginIsBoundToItsOwnBeanThoughASubclassIsABeanOfItsTypeToo() throws Throwable {
        try (WeldContainer container = boot(AlsoBare.class, Bare.class, Tally.class)) {
            assertEquals(2, container.getBeanManager().getBeans(Bare.class).size(), "two beans of the plugin's type");
            assertEquals(1, catalogue(container).methods("bare:next").get("update").invoke(new Object[0]));
        }
    }

    @Test
    void aPluginClassThatIsNoBeanFailsTheBootNamingIt() {
        Weld weld = new Weld().disableDiscovery()
                .beanClasses(PluginRegistry.class, JsonProducer.class, MetricsProducer.class, Needy.class)
                .addExtension(new PluginExtension());
        DeploymentException failure = assertThrows(DeploymentException.class, weld::initialize);
        assertEquals("Yoctopus found 1 problem in the plugin declarations:\n  - " + NotABean.problem("needy", Needy.class),
                assertInstanceOf(DefinitionException.class, failure.getCause()).getMessage());
    }

    @Test
    void aPluginsOwnSwitchTurnsItOnOrOff() {
        System.setProperty(SWITCHABLE_SWITCH, "true");
        System.setProperty(COUNTER_SWITCH, "false");
        assertEquals(Set.of("yoctopus:label", "switchable:state"),
                addresses(CorePlugin.class, Switchable.class, Counter.class, Tally.class, Always.class));
    }

    @Test
    void aRequirementOnASettingOfASwitchedOffPluginSaysSo() {
        System.setProperty(COUNTER_SWITCH, "false");
        Weld weld = new Weld().disableDiscovery()
                .beanClasses(PluginRegistry.class, JsonProducer.class, MetricsProducer.class, Counter.class, Tally.class, Always.class,
                        NeedsCounter.class)
                .addExtension(new PluginExtension());
        DeploymentException failure = assertThrows(DeploymentException.class, weld::initialize);
        assertEquals("Yoctopus found 1 problem in the plugin declarations:\n  - plugin 'needscounter' handler "
                        + NeedsCounter.class.getName() + ".read(): @Requires names setting 'counter.allowed' of plugin "
                        + "'counter', which is switched off (" + COUNTER_SWITCH + " is false)",
                assertInstanceOf(DefinitionException.class, failure.getCause()).getMessage());
    }
}
