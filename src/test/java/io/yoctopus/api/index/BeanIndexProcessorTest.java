package io.yoctopus.api.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The index javac writes as a plugin project compiles: exactly the classes annotated discovery makes beans. */
class BeanIndexProcessorTest {

    private static final String HEADER = "# The bean classes of this jar, for Yoctopus (" + BeanIndexProcessor.class.getName() + ")";

    @TempDir
    Path directory;

    /** Writes {@code sources} (path → text) under {@code src} and compiles them with the processor into {@code classes}. */
    private Path compile(Map<String, String> sources) throws IOException {
        Path src = directory.resolve("src");
        List<Path> files = new ArrayList<>();
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Path file = src.resolve(source.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, source.getValue());
            files.add(file);
        }
        return javac(files, "");
    }

    /** Compiles {@code files} with the processor into {@code classes}, {@code classPath} first; fails on any error. */
    private Path javac(List<Path> files, String classPath) throws IOException {
        Path classes = Files.createDirectories(directory.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter output = new StringWriter();
        try (StandardJavaFileManager fileManager = javac.getStandardFileManager(null, null, null)) {
            JavaCompiler.CompilationTask task = javac.getTask(output, fileManager, null,
                    List.of("-d", classes.toString(), "-implicit:none",
                            "-classpath", classPath + System.getProperty("java.class.path")),
                    null, fileManager.getJavaFileObjectsFromPaths(files));
            task.setProcessors(List.of(new BeanIndexProcessor()));
            assertTrue(task.call(), output.toString());
        }
        return classes;
    }

    private static List<String> index(Path classes) throws IOException {
        return Files.readAllLines(classes.resolve(BeanIndex.LOCATION));
    }

    @Test
    void listsTheClassesWithABeanDefiningAnnotationIncludingNestedOnesAndNothingElse() throws IOException {
        Path classes = compile(Map.of(
                "com/example/Board.java", """
                        package com.example;
                        @io.yoctopus.api.Plugin("board")
                        public class Board {
                            @jakarta.enterprise.context.ApplicationScoped
                            public static class Inner {
                                @jakarta.enterprise.context.Dependent
                                public static class Deeper {
                                }
                            }
                            public static class Plain {
                            }
                        }
                        """,
                "com/example/Store.java", """
                        package com.example;
                        @jakarta.enterprise.context.RequestScoped
                        public class Store {
                        }
                        """,
                "com/example/Made.java", """
                        package com.example;
                        @io.yoctopus.api.Plugin("made")
                        @jakarta.enterprise.inject.Vetoed
                        public class Made {
                        }
                        """,
                "com/example/Logged.java", """
                        package com.example;
                        @jakarta.interceptor.Interceptor
                        public class Logged {
                        }
                        """,
                "com/example/Wrapped.java", """
                        package com.example;
                        @jakarta.decorator.Decorator
                        public abstract class Wrapped implements Runnable {
                        }
                        """,
                "com/example/Plain.java", """
                        package com.example;
                        @Deprecated
                        public class Plain {
                        }
                        """,
                "com/example/hidden/package-info.java", """
                        @jakarta.enterprise.inject.Vetoed
                        package com.example.hidden;
                        """,
                "com/example/hidden/Hidden.java", """
                        package com.example.hidden;
                        @jakarta.enterprise.context.ApplicationScoped
                        public class Hidden {
                        }
                        """));
        assertEquals(List.of(HEADER, "com.example.Board", "com.example.Board$Inner", "com.example.Board$Inner$Deeper",
                "com.example.Logged", "com.example.Store", "com.example.Wrapped"), index(classes));
    }

    @Test
    void aCompilationWithoutBeansWritesNoIndex() throws IOException {
        Path classes = compile(Map.of("com/example/Plain.java", "package com.example; public class Plain {}"));
        assertFalse(Files.exists(classes.resolve(BeanIndex.LOCATION)));
    }

    /** An IDE compiles only what changed: what the earlier index named and still exists stays listed. */
    @Test
    void anIncrementalCompilationKeepsTheEarlierIndexForClassesItDidNotSee() throws IOException {
        Path classes = compile(Map.of(
                "com/example/Kept.java", "package com.example; @jakarta.enterprise.context.ApplicationScoped public class Kept {}",
                "com/example/Changed.java", "package com.example; @jakarta.enterprise.context.ApplicationScoped public class Changed {}"));
        Files.writeString(classes.resolve(BeanIndex.LOCATION), "# earlier\ncom.example.Kept\ncom.example.Changed\n"
                + "com.example.Deleted\n\n");
        Files.writeString(directory.resolve("src/com/example/Changed.java"), "package com.example; public class Changed {}");
        Files.delete(directory.resolve("src/com/example/Kept.java"));
        // Kept is not compiled again; javac sees its class in the output, on the class path
        javac(List.of(directory.resolve("src/com/example/Changed.java")), classes + File.pathSeparator);
        assertEquals(List.of(HEADER, "com.example.Kept"), index(classes));
    }
}
