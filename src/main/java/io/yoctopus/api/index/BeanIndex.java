package io.yoctopus.api.index;

/**
 * Where a plugin jar lists its bean classes, and in what form: the contract between
 * {@link BeanIndexProcessor}, which writes the index as a plugin compiles, and the runtime, which reads it at
 * deployment.
 */
public final class BeanIndex {

    /**
     * The index's path in a jar: UTF-8 text, one binary class name a line ({@code com.example.Outer$Inner});
     * blank lines and lines starting with {@code #} are ignored.
     *
     * <p>It lies under {@code META-INF/services}, though it is no service configuration of {@code ServiceLoader}
     * (its name is no class name): a WildFly deployment sees nothing else of the {@code META-INF} of a global
     * directory's jars, and tools that merge jars into one (the Maven Shade plugin) join the files there rather than
     * keep one of them.
     */
    public static final String LOCATION = "META-INF/services/io.yoctopus.bean-classes";

    /** Starts a comment line. */
    public static final String COMMENT = "#";

    private BeanIndex() {
    }
}
