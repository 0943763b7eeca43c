package io.yoctopus.runtime.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yoctopus.api.ConnectionId;
import io.yoctopus.api.ConnectionSettings;
import io.yoctopus.api.Handles;
import io.yoctopus.api.Notifier;
import io.yoctopus.api.Plugin;
import io.yoctopus.api.PluginLog;
import io.yoctopus.api.Request;
import io.yoctopus.api.RequirementCheck;
import io.yoctopus.api.Requires;
import io.yoctopus.api.Setting;
import io.yoctopus.demo.auth.Auth;
import io.yoctopus.demo.formats.Formats;
import io.yoctopus.demo.greeter.Greeter;
import io.yoctopus.demo.inspect.Inspect;
import io.yoctopus.plugins.core.CorePlugin;
import io.yoctopus.runtime.json.JsonCodec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.spi.DefinitionException;
import jakarta.json.JsonValue;
import jakarta.validation.constraints.NotBlank;
import java.lang.annotation.Annotation;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The deployment analysis: one test per declaration error, each naming the class and member at fault. */
class CatalogueAnalysisTest {

    private static final JsonCodec JSON = new JsonCodec();
    private static final BiFunction<String, String, Optional<String>> NO_ALIASES = (plugin, endpoint) -> Optional.empty();

    @AfterAll
    static void close() {
        JSON.close();
    }

    // ----- helpers -----

    private static Map<Class<?>, Class<? extends Annotation>> applicationScoped(Class<?>... plugins) {
        Map<Class<?>, Class<? extends Annotation>> scopes = new LinkedHashMap<>();
        for (Class<?> plugin : plugins) {
            scopes.put(plugin, ApplicationScoped.class);
        }
        return scopes;
    }

    private static List<String> problems(Map<Class<?>, Class<? extends Annotation>> plugins,
            BiFunction<String, String, Optional<String>> aliases) {
        return problems(plugins, aliases, Map.of());
    }

    private static List<String> problems(Map<Class<?>, Class<? extends Annotation>> plugins,
            BiFunction<String, String, Optional<String>> aliases, Map<String, String> switchedOff) {
        DeploymentProblems problems = new DeploymentProblems();
        CatalogueAnalysis.analyze(plugins, aliases, switchedOff, JSON, problems);
        return problems.list();
    }

    /** The one problem the plugins have, which must name every given fragment (class, member, cause). */
    private static String onlyProblem(Map<Class<?>, Class<? extends Annotation>> plugins,
            BiFunction<String, String, Optional<String>> aliases, String... fragments) {
        List<String> problems = problems(plugins, aliases);
        assertEquals(1, problems.size(), () -> "expected one problem, got " + problems);
        String problem = problems.get(0);
        for (String fragment : fragments) {
            assertTrue(problem.contains(fragment), () -> "'" + fragment + "' missing from: " + problem);
        }
        return problem;
    }

    private static String onlyProblem(Class<?> plugin, String... fragments) {
        return onlyProblem(applicationScoped(plugin), NO_ALIASES, fragments);
    }

    private static CatalogueModel model(Map<Class<?>, Class<? extends Annotation>> plugins,
            BiFunction<String, String, Optional<String>> aliases) {
        DeploymentProblems problems = new DeploymentProblems();
        CatalogueModel model = CatalogueAnalysis.analyze(plugins, aliases, Map.of(), JSON, problems);
        assertEquals(List.of(), problems.list());
        return model;
    }

    private static HandlerModel handler(CatalogueModel model, String plugin, String endpoint, String method) {
        return model.plugins().stream().filter(p -> p.name().equals(plugin)).findFirst().orElseThrow()
                .handlers().stream().filter(h -> h.endpoint().equals(endpoint) && h.method().equals(method))
                .findFirst().orElseThrow();
    }

    // ----- test plugins -----

    public record Name(String name) {
    }

    @Plugin("dup")
    public static class DupOne {
    }

    @Plugin("dup")
    public static class DupTwo {
    }

    @Plugin("bad name!")
    public static class BadName {
    }

    @Plugin("twice")
    public static class TwoHandlers {
        @Handles(endpoint = "thing", method = "read")
        public String first() {
            return "1";
        }

        @Handles(endpoint = "thing", method = "read")
        public String second() {
            return "2";
        }
    }

    @Plugin("hidden")
    public static class NonPublicHandler {
        @Handles(endpoint = "thing", method = "read")
        String packagePrivate() {
            return "";
        }
    }

    @Plugin("static")
    public static class StaticHandler {
        @Handles(endpoint = "thing", method = "read")
        public static String shared() {
            return "";
        }
    }

    @Plugin("greedy")
    public static class TwoDataParameters {
        @Handles(endpoint = "thing", method = "create")
        public String create(Name first, String second) {
            return second;
        }
    }

    @Plugin("threads")
    public static class UnsupportedParameter {
        @Handles(endpoint = "thing", method = "create")
        public void create(Thread thread) {
        }
    }

    public record Anything(String name, Object payload) {
    }

    @Plugin("anything")
    public static class UnsupportedFormat {
        @Handles(endpoint = "thing", method = "create")
        public void create(Anything data) {
        }
    }

    @Plugin("numbered")
    public static class ConnectionIdNotString {
        @Handles(endpoint = "thing", method = "read")
        public void read(@ConnectionId long connection) {
        }
    }

    @Plugin("threadsetting")
    @Setting(name = "worker", type = Thread.class)
    public static class UnknownSettingType {
    }

    @Plugin("twicesetting")
    @Setting(name = "flag", type = Boolean.class)
    @Setting(name = "flag", type = String.class)
    public static class SettingTwice {
    }

    @Plugin("requiresunknown")
    @Setting(name = "flag", type = Boolean.class)
    public static class RequiresUnknownSetting {
        @Handles(endpoint = "thing", method = "read")
        @Requires(setting = "requiresunknown.missing", equals = "true")
        public void read() {
        }
    }

    @Plugin("requiresnone")
    public static class RequiresSettingOfPluginWithoutSettings {
        @Handles(endpoint = "thing", method = "read")
        @Requires(setting = "requiresnone.flag", equals = "true")
        public void read() {
        }
    }

    @Plugin("requiresmany")
    @Setting(name = "zeta", type = Boolean.class)
    @Setting(name = "alpha", type = Boolean.class)
    public static class RequiresUnknownOfSeveralSettings {
        @Handles(endpoint = "thing", method = "read")
        @Requires(setting = "requiresmany.beta", equals = "true")
        public void read() {
        }
    }

    @Plugin("requiresother")
    public static class RequiresSettingOfAnotherPlugin {
        @Handles(endpoint = "thing", method = "read")
        @Requires(setting = "auth.authenticated", equals = "true")
        public void read() {
        }
    }

    @Plugin("requiresbare")
    @Setting(name = "flag", type = Boolean.class)
    public static class RequiresSettingWithoutPlugin {
        @Handles(endpoint = "thing", method = "read")
        @Requires(setting = "flag", equals = "true")
        public void read() {
        }
    }

    @Plugin("requiresyes")
    @Setting(name = "flag", type = Boolean.class)
    public static class RequiresValueOfWrongType {
        @Handles(endpoint = "thing", method = "read")
        @Requires(setting = "requiresyes.flag", equals = "yes")
        public void read() {
        }
    }

    @Plugin("requiresshape")
    @Setting(name = "tags", type = List.class)
    @Setting(name = "meta", type = Map.class)
    public static class RequiresValueOfAnotherShape {
        @Handles(endpoint = "thing", method = "read")
        @Requires(setting = "requiresshape.tags", equals = "{}")
        @Requires(setting = "requiresshape.meta", equals = "[]")
        public void read() {
        }
    }

    public static class Allow implements RequirementCheck {
        @Override
        public CompletionStage<Boolean> test(ConnectionSettings settings, String connectionId) {
            return CompletableFuture.completedFuture(true);
        }
    }

    @Plugin("requiresboth")
    @Setting(name = "flag", type = Boolean.class)
    public static class RequiresBoth {
        @Handles(endpoint = "thing", method = "read")
        @Requires(setting = "requiresboth.flag", equals = "true", check = Allow.class)
        public void read() {
        }
    }

    @Plugin("requiresneither")
    public static class RequiresNeither {
        @Handles(endpoint = "thing", method = "read")
        @Requires(equals = "true")
        public void read() {
        }
    }

    @Plugin("constrained")
    public static class ConstrainedParameter {
        @Handles(endpoint = "thing", method = "update")
        public void update(@NotBlank String label) {
        }
    }

    @Plugin("badendpoint")
    public static class BadEndpointName {
        @Handles(endpoint = "a:b", method = "read")
        public void read() {
        }
    }

    @Plugin("alpha")
    public static class Alpha {
        @Handles(endpoint = "items", method = "read")
        public void read() {
        }
    }

    @Plugin("beta")
    public static class Beta {
        @Handles(endpoint = "items", method = "read")
        public void read() {
        }
    }

    /** Every kind of parameter, in an unusual order, and requirements on another plugin's settings. */
    @Plugin("full")
    @Setting(name = "count", type = Integer.class)
    @Setting(name = "tags", type = List.class)
    @Setting(name = "label", type = String.class)
    @Setting(name = "quiet", type = boolean.class)
    @Setting(name = "meta", type = Map.class)
    public static class Full {
        @Handles(endpoint = "everything", method = "create")
        @Requires(setting = "full.count", equals = "2.0")
        @Requires(setting = "full.tags", equals = "[\"a\"]")
        @Requires(setting = "full.label", equals = "vip")
        @Requires(setting = "full.quiet", equals = "false")
        @Requires(setting = "full.meta", equals = "{\"a\":1}")
        @Requires(setting = "auth.authenticated", equals = "true")
        @Requires(check = Allow.class)
        public void create(PluginLog log, Notifier notifier, Name data, @ConnectionId String connection,
                ConnectionSettings settings, Request request) {
        }

        @Handles(endpoint = "everything", method = "read")
        public void raw(JsonValue data) {
        }
    }

    // ----- valid plugins -----

    @Test
    void theBundledPluginsAreValid() {
        CatalogueModel model = model(applicationScoped(CorePlugin.class, Greeter.class, Auth.class, Inspect.class,
                Formats.class), NO_ALIASES);
        assertEquals(List.of("yoctopus", "greeter", "auth", "inspect", "formats"),
                model.plugins().stream().map(PluginModel::name).toList());
        HandlerModel hello = handler(model, "greeter", "hello", "read");
        assertEquals(List.of(ParameterKind.DATA), hello.parameters());
        assertEquals(Greeter.Hello.class, hello.dataType());
        assertEquals("{\"name\":\"string\"}", hello.format().render(JSON).toString());
        assertEquals(Map.of("authenticated", SettingType.BOOL, "userId", SettingType.STRING,
                "isAdmin", SettingType.BOOL), model.plugins().get(2).settings());
    }

    @Test
    void parametersAreResolvedByTypeAndRequirementsByDeclaredSettings() {
        CatalogueModel model = model(applicationScoped(Auth.class, Full.class), NO_ALIASES);
        HandlerModel everything = handler(model, "full", "everything", "create");
        assertEquals(List.of(ParameterKind.LOG, ParameterKind.NOTIFIER, ParameterKind.DATA,
                ParameterKind.CONNECTION_ID, ParameterKind.SETTINGS, ParameterKind.REQUEST), everything.parameters());
        assertEquals(List.of(
                new RequirementModel.SettingEquals("full", "count", JSON.toJsonValue(new BigDecimal("2.0"))),
                new RequirementModel.SettingEquals("full", "tags", JSON.parse("[\"a\"]")),
                new RequirementModel.SettingEquals("full", "label", JSON.string("vip")),
                new RequirementModel.SettingEquals("full", "quiet", JsonValue.FALSE),
                new RequirementModel.SettingEquals("full", "meta", JSON.parse("{\"a\":1}")),
                new RequirementModel.SettingEquals("auth", "authenticated", JsonValue.TRUE),
                new RequirementModel.Custom(Allow.class)), everything.requirements());

        HandlerModel raw = handler(model, "full", "everything", "read");
        assertEquals(List.of(ParameterKind.RAW_DATA), raw.parameters());
        assertNull(raw.format());
    }

    @Test
    void aliasesReplaceThePluginAddress() {
        CatalogueModel model = model(applicationScoped(Alpha.class, Beta.class),
                (plugin, endpoint) -> plugin.equals("alpha") ? Optional.of("items") : Optional.empty());
        assertEquals("items", model.address("alpha", "items"));
        assertEquals("beta:items", model.address("beta", "items"));
        assertEquals(Map.of("alpha", Map.of("items", "items")), model.aliases());
        assertThrows(UnsupportedOperationException.class, () -> model.aliases().get("alpha").put("other", "x"),
                "the model is read by every request's thread: no one can change it");
    }

    // ----- one test per deployment error -----

    @Test
    void duplicatePluginNames() {
        onlyProblem(applicationScoped(DupOne.class, DupTwo.class), NO_ALIASES,
                "plugin name 'dup'", DupOne.class.getName(), DupTwo.class.getName());
    }

    @Test
    void pluginNotApplicationScoped() {
        assertEquals(List.of("plugin 'greeter' (" + Greeter.class.getName() + ") must be application-scoped, not "
                + "@Dependent (@Plugin alone makes it @ApplicationScoped)"), problems(Map.of(Greeter.class, Dependent.class), NO_ALIASES));
    }

    @Test
    void invalidPluginName() {
        onlyProblem(BadName.class, "plugin 'bad name!'", BadName.class.getName(), "letters, digits");
    }

    @Test
    void twoHandlersForTheSameEndpointAndMethod() {
        onlyProblem(TwoHandlers.class, "plugin 'twice'", "endpoint 'thing' method 'read' is handled twice",
                TwoHandlers.class.getName() + ".first()", TwoHandlers.class.getName() + ".second()");
    }

    @Test
    void nonPublicHandler() {
        onlyProblem(NonPublicHandler.class, NonPublicHandler.class.getName() + ".packagePrivate()",
                "a handler must be a public instance method");
    }

    @Test
    void staticHandler() {
        onlyProblem(StaticHandler.class, StaticHandler.class.getName() + ".shared()",
                "a handler must be a public instance method");
    }

    @Test
    void twoDataParameters() {
        onlyProblem(TwoDataParameters.class, TwoDataParameters.class.getName() + ".create(Name, String)",
                "parameter 'second' is a second request-data parameter");
    }

    @Test
    void unsupportedParameterType() {
        onlyProblem(UnsupportedParameter.class, UnsupportedParameter.class.getName() + ".create(Thread)",
                "parameter 'thread'", "java.lang.Thread is not a supported format type");
    }

    @Test
    void unsupportedFormatType() {
        onlyProblem(UnsupportedFormat.class, UnsupportedFormat.class.getName() + ".create(Anything)",
                "parameter 'data' field 'payload'", "java.lang.Object is not a supported format type");
    }

    @Test
    void connectionIdOnANonString() {
        onlyProblem(ConnectionIdNotString.class, ConnectionIdNotString.class.getName() + ".read(long)",
                "@ConnectionId parameter 'connection' must be a String");
    }

    @Test
    void settingOfUnknownType() {
        onlyProblem(UnknownSettingType.class, UnknownSettingType.class.getName(), "setting 'worker'",
                "unknown setting type java.lang.Thread");
    }

    @Test
    void settingDeclaredTwice() {
        onlyProblem(SettingTwice.class, SettingTwice.class.getName(), "setting 'flag'", "declared twice");
    }

    @Test
    void requiresNamingAnUnknownSetting() {
        assertEquals(List.of("plugin 'requiresunknown' handler " + RequiresUnknownSetting.class.getName() + ".read(): "
                + "@Requires names setting 'requiresunknown.missing', but plugin 'requiresunknown' declares no setting "
                + "'missing' (it declares flag)"), problems(applicationScoped(RequiresUnknownSetting.class), NO_ALIASES));
    }

    @Test
    void requiresNamingAnUnknownSettingListsThePluginsSettingsInOrder() {
        onlyProblem(RequiresUnknownOfSeveralSettings.class,
                "@Requires names setting 'requiresmany.beta', but plugin 'requiresmany' declares no setting 'beta' "
                        + "(it declares alpha, zeta)");
    }

    @Test
    void requiresNamingASettingOfAPluginWithoutSettings() {
        onlyProblem(RequiresSettingOfPluginWithoutSettings.class,
                "@Requires names setting 'requiresnone.flag', but plugin 'requiresnone' declares no setting 'flag' "
                        + "(it declares none)");
    }

    @Test
    void requiresNamingAPluginThatIsNotInstalled() {
        onlyProblem(RequiresSettingOfAnotherPlugin.class, RequiresSettingOfAnotherPlugin.class.getName() + ".read()",
                "@Requires names setting 'auth.authenticated', but no plugin 'auth' is installed");
    }

    @Test
    void requiresNamingASettingWithoutItsPlugin() {
        onlyProblem(RequiresSettingWithoutPlugin.class,
                "@Requires names setting 'flag', which names no plugin (write it as plugin.setting)");
    }

    /** The case: a plugin that needs the demo's auth, deployed without the demo. */
    @Test
    void requiresNamingASettingOfAPluginThatIsSwitchedOffSaysSo() {
        String why = "yoctopus.demo.enabled is not true and yoctopus.plugin.auth.enabled is not set";
        assertEquals(List.of("plugin 'requiresother' handler " + RequiresSettingOfAnotherPlugin.class.getName()
                        + ".read(): @Requires names setting 'auth.authenticated' of plugin 'auth', which is switched off ("
                        + why + ")"),
                problems(applicationScoped(RequiresSettingOfAnotherPlugin.class), NO_ALIASES, Map.of("auth", why)));
    }

    @Test
    void anotherSwitchedOffPluginIsNotBlamed() {
        assertEquals(List.of("plugin 'requiresother' handler " + RequiresSettingOfAnotherPlugin.class.getName()
                        + ".read(): @Requires names setting 'auth.authenticated', but no plugin 'auth' is installed"),
                problems(applicationScoped(RequiresSettingOfAnotherPlugin.class), NO_ALIASES, Map.of("chat", "off")));
    }

    @Test
    void theSwitchOfAPluginIsItsOwnConfigKey() {
        assertEquals("yoctopus.plugin.fb-auth.enabled", CatalogueAnalysis.enabledKey("fb-auth"));
    }

    @Test
    void requiresValueNotFittingTheType() {
        onlyProblem(RequiresValueOfWrongType.class, RequiresValueOfWrongType.class.getName() + ".read()",
                "@Requires(setting = \"requiresyes.flag\")", "equals = \"yes\" is not a bool");
    }

    /** JSON of the wrong shape parses; it still does not fit the setting. */
    @Test
    void requiresValueOfAnotherJsonShape() {
        String where = "plugin 'requiresshape' handler " + RequiresValueOfAnotherShape.class.getName() + ".read(): ";
        assertEquals(List.of(where + "@Requires(setting = \"requiresshape.tags\"): equals = \"{}\" is not an array",
                where + "@Requires(setting = \"requiresshape.meta\"): equals = \"[]\" is not an object"),
                problems(applicationScoped(RequiresValueOfAnotherShape.class), NO_ALIASES));
    }

    @Test
    void requiresWithBothSettingAndCheck() {
        onlyProblem(RequiresBoth.class, RequiresBoth.class.getName() + ".read()",
                "@Requires needs either setting (with equals) or check, not both");
    }

    @Test
    void requiresWithNeitherSettingNorCheck() {
        onlyProblem(RequiresNeither.class, RequiresNeither.class.getName() + ".read()",
                "@Requires needs either setting (with equals) or check, not neither");
    }

    @Test
    void aliasCollidingWithAnotherEndpoint() {
        onlyProblem(applicationScoped(Alpha.class, Beta.class),
                (plugin, endpoint) -> plugin.equals("beta") ? Optional.of("alpha:items") : Optional.empty(),
                "endpoint address 'alpha:items' is used by both alpha:items and beta:items",
                CatalogueAnalysis.aliasKey("beta", "items"));
    }

    @Test
    void twoAliasesColliding() {
        onlyProblem(applicationScoped(Alpha.class, Beta.class), (plugin, endpoint) -> Optional.of("items"),
                "endpoint address 'items' is used by both alpha:items and beta:items", "yoctopus.plugin.beta.alias.items");
    }

    @Test
    void emptyAlias() {
        onlyProblem(applicationScoped(Alpha.class), (plugin, endpoint) -> Optional.of(" "),
                "yoctopus.plugin.alpha.alias.items is empty");
    }

    @Test
    void constraintOnAHandlerParameter() {
        onlyProblem(ConstrainedParameter.class, ConstrainedParameter.class.getName() + ".update(String)",
                "parameter 'label' has constraint @NotBlank");
    }

    @Test
    void endpointNameWithAColon() {
        onlyProblem(BadEndpointName.class, BadEndpointName.class.getName() + ".read()",
                "endpoint 'a:b' must be non-empty and without ':'");
    }

    // ----- all problems at once -----

    @Test
    void problemsOfSeveralPluginsAreReportedInOneDefinitionException() {
        Map<Class<?>, Class<? extends Annotation>> plugins = applicationScoped(Greeter.class, TwoDataParameters.class,
                SettingTwice.class, RequiresValueOfWrongType.class, DupOne.class, DupTwo.class);
        plugins.put(Inspect.class, Dependent.class);
        DeploymentProblems problems = new DeploymentProblems();
        CatalogueAnalysis.analyze(plugins, NO_ALIASES, Map.of(), JSON, problems);

        DefinitionException failure = problems.asException();
        String message = failure.getMessage();
        assertTrue(message.startsWith("Yoctopus found 5 problems in the plugin declarations:\n  - "), message);
        for (String expected : List.of("plugin name 'dup' is used by both", "second request-data parameter",
                "declared twice", "equals = \"yes\" is not a bool", "plugin 'inspect'")) {
            assertTrue(message.contains(expected), () -> "'" + expected + "' missing from: " + message);
        }
        assertEquals(5, message.lines().filter(line -> line.startsWith("  - ")).count(), message);
    }

    @Test
    void noProblemsThrowNothing() {
        DeploymentProblems problems = new DeploymentProblems();
        problems.throwIfAny();
        problems.add("one");
        DefinitionException failure = assertThrows(DefinitionException.class,
                problems::throwIfAny);
        assertEquals("Yoctopus found 1 problem in the plugin declarations:\n  - one", failure.getMessage());
    }
}
