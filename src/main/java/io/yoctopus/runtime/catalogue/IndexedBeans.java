package io.yoctopus.runtime.catalogue;

import io.yoctopus.api.index.BeanIndex;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The bean classes that plugin jars list in their indexes ({@link BeanIndex}), as the application's class loader
 * sees them: how plugins in jars the server gives the application as libraries, which no CDI container scans,
 * become beans. Read once, at deployment.
 */
final class IndexedBeans {

    /** What a plugin jar given to the server as a library needs, said when the application cannot use it. */
    static final String LIBRARY_HINT = "a plugin jar the server gives the application as a library needs the "
            + "Yoctopus API jar given the same way, beside it, and the application's classes loaded parent-first "
            + "(each server's default)";

    private IndexedBeans() {
    }

    /**
     * Every class named by an index the loader sees, each once, with the index that names it first; an index that
     * cannot be read is a problem.
     */
    static Map<String, URL> named(ClassLoader loader, DeploymentProblems problems) {
        Map<String, URL> names = new LinkedHashMap<>();
        List<URL> indexes;
        try {
            indexes = Collections.list(loader.getResources(BeanIndex.LOCATION));
        } catch (IOException e) {
            problems.add("cannot list the plugin jars' bean indexes (" + BeanIndex.LOCATION + "): " + e);
            return names;
        }
        for (URL index : indexes) {
            try (InputStream in = index.openStream()) {
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    String name = line.strip();
                    if (!name.isEmpty() && !name.startsWith(BeanIndex.COMMENT)) {
                        names.putIfAbsent(name, index);
                    }
                }
            } catch (IOException e) {
                problems.add("cannot read the bean index " + index + ": " + e);
            }
        }
        return names;
    }

    /**
     * Loads the named classes that {@code wanted} accepts, as {@code loader} sees them. A class that cannot be
     * loaded, or that sees another {@code api} class than the application's own (none, or another copy), is a
     * problem naming the class and its index.
     *
     * @param api a class of the plugin API, as the application sees it
     */
    static List<Class<?>> load(Map<String, URL> named, Predicate<String> wanted, ClassLoader loader, Class<?> api,
            DeploymentProblems problems) {
        List<Class<?>> loaded = new ArrayList<>();
        named.forEach((name, index) -> {
            if (!wanted.test(name)) {
                return;
            }
            String where = "the bean index " + index + " names " + name;
            try {
                Class<?> type = Class.forName(name, false, loader);
                Optional<String> mismatch = apiMismatch(type, api);
                if (mismatch.isPresent()) {
                    problems.add(where + ", which " + mismatch.get() + ": " + LIBRARY_HINT);
                } else {
                    loaded.add(type);
                }
            } catch (ClassNotFoundException | LinkageError e) {
                problems.add(where + ", which the application cannot load (" + e + "): " + LIBRARY_HINT);
            }
        });
        return loaded;
    }

    private static Optional<String> apiMismatch(Class<?> type, Class<?> api) {
        Class<?> seen;
        try {
            seen = Class.forName(api.getName(), false, type.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return Optional.of("is loaded where " + api.getPackageName() + " is not visible");
        }
        if (seen == api) {
            return Optional.empty();
        }
        return Optional.of("sees " + api.getPackageName() + " from " + location(seen) + " and the application from "
                + location(api));
    }

    private static String location(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        return source == null || source.getLocation() == null ? "an unknown place" : source.getLocation().toString();
    }
}
