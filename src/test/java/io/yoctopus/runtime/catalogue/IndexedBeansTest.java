package io.yoctopus.runtime.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yoctopus.api.Plugin;
import io.yoctopus.api.index.BeanIndex;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading the plugin jars' bean indexes, and loading what they name as the application sees it. */
class IndexedBeansTest {

    @TempDir
    Path directory;

    /** A class the indexes can name: seen by this test's class loader. */
    public static class Listed {
    }

    private URL jarWithIndex(String name, String index) throws IOException {
        Path root = directory.resolve(name);
        Path file = root.resolve(BeanIndex.LOCATION);
        Files.createDirectories(file.getParent());
        Files.writeString(file, index);
        return root.toUri().toURL();
    }

    @Test
    void everyIndexIsReadEachNameOnceWithTheFirstIndexThatNamesIt() throws IOException {
        URL first = jarWithIndex("first", "# a comment\ncom.example.A\n\n  com.example.B  \r\n");
        URL second = jarWithIndex("second", "com.example.B\ncom.example.C$Inner\n");
        DeploymentProblems problems = new DeploymentProblems();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {first, second}, null)) {
            Map<String, URL> named = IndexedBeans.named(loader, problems);
            URL firstIndex = new URL(first, BeanIndex.LOCATION);
            URL secondIndex = new URL(second, BeanIndex.LOCATION);
            assertEquals(List.of("com.example.A", "com.example.B", "com.example.C$Inner"), List.copyOf(named.keySet()));
            assertEquals(firstIndex, named.get("com.example.A"));
            assertEquals(firstIndex, named.get("com.example.B"));
            assertEquals(secondIndex, named.get("com.example.C$Inner"));
        }
        assertEquals(List.of(), problems.list());
    }

    @Test
    void noIndexNamesNothing() throws IOException {
        DeploymentProblems problems = new DeploymentProblems();
        try (URLClassLoader loader = new URLClassLoader(new URL[0], null)) {
            assertEquals(Map.of(), IndexedBeans.named(loader, problems));
        }
        assertEquals(List.of(), problems.list());
    }

    @Test
    void anIndexThatCannotBeReadIsAProblem() throws MalformedURLException {
        URL missing = directory.resolve("gone").resolve(BeanIndex.LOCATION).toUri().toURL();
        ClassLoader loader = new ClassLoader(null) {
            @Override
            public Enumeration<URL> getResources(String name) {
                return Collections.enumeration(List.of(missing));
            }
        };
        DeploymentProblems problems = new DeploymentProblems();
        assertEquals(Map.of(), IndexedBeans.named(loader, problems));
        assertEquals(1, problems.list().size());
        assertTrue(problems.list().get(0).startsWith("cannot read the bean index " + missing + ": java.io."),
                problems.list().get(0));
    }

    @Test
    void indexesThatCannotBeListedAreAProblem() {
        ClassLoader loader = new ClassLoader(null) {
            @Override
            public Enumeration<URL> getResources(String name) throws IOException {
                throw new IOException("disk on fire");
            }
        };
        DeploymentProblems problems = new DeploymentProblems();
        assertEquals(Map.of(), IndexedBeans.named(loader, problems));
        assertEquals(List.of("cannot list the plugin jars' bean indexes (" + BeanIndex.LOCATION
                + "): java.io.IOException: disk on fire"), problems.list());
    }

    @Test
    void loadsTheWantedClassesAsTheLoaderSeesThem() throws MalformedURLException {
        URL index = new URL("file:/index");
        Map<String, URL> named = new LinkedHashMap<>();
        named.put(Listed.class.getName(), index);
        named.put(IndexedBeansTest.class.getName(), index);
        named.put("com.example.Unwanted", index);
        DeploymentProblems problems = new DeploymentProblems();
        List<Class<?>> loaded = IndexedBeans.load(named, name -> !name.equals("com.example.Unwanted"),
                getClass().getClassLoader(), Plugin.class, problems);
        assertEquals(List.of(Listed.class, IndexedBeansTest.class), loaded);
        assertEquals(List.of(), problems.list());
    }

    @Test
    void aClassTheApplicationCannotLoadIsAProblem() throws MalformedURLException {
        URL index = new URL("file:/index");
        DeploymentProblems problems = new DeploymentProblems();
        assertEquals(List.of(), IndexedBeans.load(Map.of("com.example.Gone", index), name -> true,
                getClass().getClassLoader(), Plugin.class, problems));
        assertEquals(List.of("the bean index file:/index names com.example.Gone, which the application cannot load "
                + "(java.lang.ClassNotFoundException: com.example.Gone): " + IndexedBeans.LIBRARY_HINT), problems.list());
    }

    /** The plugin jar given as a library without the API jar beside it. */
    @Test
    void aClassThatCannotSeeTheApiIsAProblem() throws IOException {
        URL index = new URL("file:/index");
        URL testClasses = Listed.class.getProtectionDomain().getCodeSource().getLocation();
        DeploymentProblems problems = new DeploymentProblems();
        try (URLClassLoader library = new URLClassLoader(new URL[] {testClasses}, ClassLoader.getPlatformClassLoader())) {
            assertEquals(List.of(), IndexedBeans.load(Map.of(Listed.class.getName(), index), name -> true, library,
                    Plugin.class, problems));
        }
        assertEquals(List.of("the bean index file:/index names " + Listed.class.getName() + ", which is loaded where "
                + "io.yoctopus.api is not visible: " + IndexedBeans.LIBRARY_HINT), problems.list());
    }

    /** The application's classes loaded child-first: the plugin sees the server's copy of the API, not the WAR's. */
    @Test
    void aClassThatSeesAnotherCopyOfTheApiIsAProblem() throws IOException {
        URL index = new URL("file:/index");
        URL testClasses = Listed.class.getProtectionDomain().getCodeSource().getLocation();
        URL api = Plugin.class.getProtectionDomain().getCodeSource().getLocation();
        DeploymentProblems problems = new DeploymentProblems();
        try (URLClassLoader library = new URLClassLoader(new URL[] {testClasses, api}, ClassLoader.getPlatformClassLoader())) {
            assertEquals(List.of(), IndexedBeans.load(Map.of(Listed.class.getName(), index), name -> true, library,
                    Plugin.class, problems));
        }
        assertEquals(List.of("the bean index file:/index names " + Listed.class.getName() + ", which sees "
                + "io.yoctopus.api from " + api + " and the application from " + api + ": " + IndexedBeans.LIBRARY_HINT),
                problems.list());
    }
}
