package io.yoctopus.runtime.operations;

import io.yoctopus.runtime.adapters.Classes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;
import java.util.function.Supplier;

/** Reaches the package-private parts of {@link HealthExtension} for the adapter's tests in another package. */
public final class HealthExtensionAccess {

    private HealthExtensionAccess() {
    }

    /**
     * An extension that adds the checks as {@link HealthExtension} does, reading its statuses from the suppliers (in
     * place of the application's {@link Health}).
     */
    public static Extension extension(Supplier<Health.Status> readiness, Supplier<Health.Status> liveness) {
        return new HealthExtension() {
            @Override
            Health.Status readiness() {
                return readiness.get();
            }

            @Override
            Health.Status liveness() {
                return liveness.get();
            }
        };
    }

    public static boolean addChecks(AfterBeanDiscovery discovery, ClassLoader loader) {
        return new HealthExtension().addChecks(discovery, loader);
    }

    public static boolean adapterVisible(ClassLoader loader) {
        return Classes.visible(HealthExtension.MARKER, loader) && Classes.visible(HealthExtension.ADAPTER, loader);
    }
}
