package io.yoctopus.runtime.operations;

import io.yoctopus.runtime.adapters.Classes;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Adds the {@link Health} checks as MicroProfile Health checks where the server has MicroProfile Health (Payara Micro;
 * Open Liberty with {@code mpHealth}; WildFly with its {@code microprofile-health-smallrye} subsystem). The checks are
 * beans the adapter adds ({@code io.yoctopus.runtime.adapters.mphealth}, loaded by name only where the API is there):
 * a bean class implementing the API's interface would be dropped, with a warning, on a server without it.
 *
 * <p>The checks read {@link Health} through this extension, to which the bean attaches itself as the application
 * starts: until then they report the application as not started.
 */
public class HealthExtension implements Extension {

    static final String MARKER = "org.eclipse.microprofile.health.HealthCheck";
    static final String ADAPTER = "io.yoctopus.runtime.adapters.mphealth.MicroProfileHealth";

    private static final Logger LOG = Logger.getLogger(HealthExtension.class.getName());

    private volatile Health health;

    void addChecks(@Observes AfterBeanDiscovery discovery) {
        addChecks(discovery, HealthExtension.class.getClassLoader());
    }

    /** The application's health, from its start on. */
    void attach(Health started) {
        health = started;
    }

    Health.Status readiness() {
        Health current = health;
        return current == null ? Health.notStarted(Health.READINESS) : current.readiness();
    }

    Health.Status liveness() {
        Health current = health;
        return current == null ? Health.notStarted(Health.LIVENESS) : current.liveness();
    }

    /** @return whether the checks were added */
    boolean addChecks(AfterBeanDiscovery discovery, ClassLoader loader) {
        if (!Classes.visible(MARKER, loader)) {
            LOG.info("health: the server has no MicroProfile Health; no health checks");
            return false;
        }
        try {
            Supplier<Health.Status> readiness = this::readiness;
            Supplier<Health.Status> liveness = this::liveness;
            Class.forName(ADAPTER, true, loader).getMethod("addChecks", AfterBeanDiscovery.class, Supplier.class,
                    Supplier.class).invoke(null, discovery, readiness, liveness);
            LOG.info(() -> "health: MicroProfile Health checks " + Health.READINESS + " and " + Health.LIVENESS);
            return true;
        } catch (ReflectiveOperationException | LinkageError failure) {
            LOG.log(Level.WARNING, "cannot load " + ADAPTER + "; no health checks", failure);
            return false;
        }
    }
}
