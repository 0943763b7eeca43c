package io.yoctopus.runtime.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yoctopus.api.ConnectionId;
import io.yoctopus.api.Handles;
import io.yoctopus.api.HandlesBinary;
import io.yoctopus.api.Notifier;
import io.yoctopus.api.Plugin;
import io.yoctopus.api.Request;
import io.yoctopus.api.Requires;
import io.yoctopus.api.Setting;
import io.yoctopus.runtime.json.JsonCodec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonValue;
import java.lang.annotation.Annotation;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The analysis of binary handlers and of names and settings left empty: every problem named exactly, with
 * the plugin, the class and the member at fault.
 */
class BinaryHandlerAnalysisTest {

    private static final JsonCodec JSON = new JsonCodec();

    @AfterAll
    static void close() {
        JSON.close();
    }

    private static List<String> problems(Class<?>... plugins) {
        DeploymentProblems problems = new DeploymentProblems();
        analyze(problems, plugins);
        return problems.list();
    }

    private static CatalogueModel analyze(DeploymentProblems problems, Class<?>... plugins) {
        Map<Class<?>, Class<? extends Annotation>> scopes = new LinkedHashMap<>();
        for (Class<?> plugin : plugins) {
            scopes.put(plugin, ApplicationScoped.class);
        }
        return CatalogueAnalysis.analyze(scopes, (plugin, endpoint) -> Optional.empty(), Map.of(), JSON, problems);
    }

    @Plugin("frames")
    public static class Frames {
        @HandlesBinary
        public void frame(ByteBuffer frame, Notifier notifier, @ConnectionId String id) {
        }
    }

    @Plugin("chunks")
    public static class Chunks {
        @HandlesBinary
        public void chunk(byte[] chunk) {
        }
    }

    @Plugin("guarded")
    @Setting(name = "vip", type = Boolean.class)
    public static class Guarded {
        @HandlesBinary
        @Requires(setting = "guarded.vip", equals = "true")
        @Requires(check = CatalogueAnalysisTest.Allow.class)
        public void frame(byte[] frame) {
        }
    }

    @Plugin("twice")
    public static class Twice {
        @HandlesBinary
        public void first(byte[] frame) {
        }

        @HandlesBinary
        public void second(byte[] frame) {
        }
    }

    @Plugin("wrong")
    public static class Wrong {
        @HandlesBinary
        @Handles(endpoint = "x", method = "read")
        static void frame(Request request, String data) {
        }
    }

    @Plugin("empty")
    @Setting(name = " ", type = String.class)
    @Setting(name = "count", type = int.class)
    public static class Empty {
        @Handles(endpoint = "x", method = " ")
        public void read() {
        }
    }

    @Test
    void validBinaryHandlersTakeAByteArrayOrAByteBuffer() {
        assertEquals(List.of(), problems(Frames.class));
        assertEquals(List.of(), problems(Chunks.class));
    }

    @Test
    void aBinaryHandlerHasTheRequirementsItDeclares() {
        DeploymentProblems problems = new DeploymentProblems();
        CatalogueModel model = analyze(problems, Guarded.class);
        assertEquals(List.of(), problems.list());
        assertEquals(List.of(new RequirementModel.SettingEquals("guarded", "vip", JsonValue.TRUE),
                new RequirementModel.Custom(CatalogueAnalysisTest.Allow.class)),
                model.plugins().get(0).binaryHandler().orElseThrow().requirements());
    }

    @Test
    void aPluginHasAtMostOneBinaryHandler() {
        String twice = Twice.class.getName();
        List<String> problems = problems(Twice.class);
        assertEquals(1, problems.size(), problems::toString);
        String problem = problems.get(0);
        // the JDK lists a class's methods in no fixed order
        assertTrue(problem.equals("plugin 'twice' has 2 @HandlesBinary methods: " + twice + ".first(byte[]), "
                + twice + ".second(byte[]); at most one") || problem.equals("plugin 'twice' has 2 @HandlesBinary methods: "
                + twice + ".second(byte[]), " + twice + ".first(byte[]); at most one"), problem);
    }

    @Test
    void theApplicationHasAtMostOneBinaryHandler() {
        assertEquals(List.of("only one @HandlesBinary method is allowed in the application, found: "
                + Frames.class.getName() + ".frame(ByteBuffer, Notifier, String), " + Chunks.class.getName()
                + ".chunk(byte[])"), problems(Frames.class, Chunks.class));
    }

    @Test
    void everyProblemOfABinaryHandlerIsNamed() {
        String where = "plugin 'wrong' binary handler " + Wrong.class.getName() + ".frame(Request, String)";
        List<String> problems = problems(Wrong.class);
        for (String expected : List.of(where + ": a method is either @Handles or @HandlesBinary",
                where + ": a handler must be a public instance method",
                where + ": parameter 'request' of type Request is not available to a binary handler (take byte[] or ByteBuffer)",
                where + ": parameter 'data' of type String is not available to a binary handler (take byte[] or ByteBuffer)",
                where + ": a binary handler takes exactly one byte[] or ByteBuffer parameter")) {
            assertTrue(problems.contains(expected), problems + "\nshould contain: " + expected);
        }
    }

    @Test
    void anEmptySettingNameOrMethodIsAProblemAndAPrimitiveNumberIsANumber() {
        List<String> problems = problems(Empty.class);
        assertEquals(List.of("plugin 'empty' (" + Empty.class.getName() + ") setting ' ': the name is empty",
                "plugin 'empty' handler " + Empty.class.getName() + ".read(): the method is empty"),
                problems.stream().filter(problem -> !problem.contains("@HandlesBinary")).toList());
        assertEquals(Optional.of(SettingType.NUMBER), SettingType.of(int.class));
        assertEquals(Optional.empty(), SettingType.of(void.class));
    }
}
