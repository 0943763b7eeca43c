package io.yoctopus.runtime.testing;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Map;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;

/**
 * Runs code that reads {@code ConfigProvider.getConfig()} against a configuration of the test's own (a real
 * SmallRye Config), registered for a context class loader of its own: the values never leak into other tests.
 */
public final class ScopedConfig {

    private ScopedConfig() {
    }

    public static <T> T with(Map<String, String> values, Supplier<T> action) {
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        ClassLoader scope = new URLClassLoader(new URL[0], before);
        Config config = new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(values, "test", 500)).build();
        ConfigProviderResolver resolver = ConfigProviderResolver.instance();
        resolver.registerConfig(config, scope);
        thread.setContextClassLoader(scope);
        try {
            return action.get();
        } finally {
            thread.setContextClassLoader(before);
            resolver.releaseConfig(config);
        }
    }

    public static void run(Map<String, String> values, Runnable action) {
        with(values, () -> {
            action.run();
            return null;
        });
    }
}
