package io.yoctopus.it;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The server the integration tests run against, as the failsafe execution names it (system property
 * {@value #PROPERTY}, set in pom.xml next to the Arquillian container it launches). Without the property,
 * Payara Micro: arquillian.xml's default container.
 */
public enum Server {
    PAYARA, WILDFLY, LIBERTY;

    /** The system property that names the server. */
    public static final String PROPERTY = "yoctopus.it.server";

    /** The server of this test run. */
    public static Server current() {
        return named(System.getProperty(PROPERTY));
    }

    /** The server called {@code name} (any case); null means the default, Payara Micro. */
    static Server named(String name) {
        if (name == null) {
            return PAYARA;
        }
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw new IllegalStateException(PROPERTY + "=" + name + " names no server; known: " + names(), unknown);
        }
    }

    public boolean isPayara() {
        return this == PAYARA;
    }

    /** The name the property uses. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    private static String names() {
        return Arrays.stream(values()).map(Server::id).collect(Collectors.joining(", "));
    }
}
