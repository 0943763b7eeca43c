package io.yoctopus.runtime.adapters.mphealth;

import io.yoctopus.runtime.operations.Health;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import java.lang.annotation.Annotation;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * The framework's {@link Health} as MicroProfile Health checks: a readiness and a liveness check, added as beans by
 * {@code HealthExtension}. A plain class, loaded by name only where the MicroProfile Health API is visible; the checks
 * are beans made here rather than bean classes, so that no bean class names the API on a server without it.
 * Every implementation finds them as it finds any check bean (Payara by their qualifiers as beans are processed,
 * SmallRye Health by looking them up).
 */
public final class MicroProfileHealth {

    private MicroProfileHealth() {
    }

    /** Adds the two checks; called by {@code HealthExtension} after bean discovery. */
    public static void addChecks(AfterBeanDiscovery discovery) {
        add(discovery, Readiness.Literal.INSTANCE, Health::readiness);
        add(discovery, Liveness.Literal.INSTANCE, Health::liveness);
    }

    private static void add(AfterBeanDiscovery discovery, Annotation kind, Function<Health, Health.Status> status) {
        discovery.addBean()
                .beanClass(MicroProfileHealth.class)
                .types(HealthCheck.class, Object.class)
                .qualifiers(kind, Any.Literal.INSTANCE)
                .scope(Dependent.class)
                .produceWith(beans -> new Check(beans.select(Health.class).get(), status));
    }

    /** One check: asks {@link Health} at each call. */
    static final class Check implements HealthCheck {
        private final Health health;
        private final Function<Health, Health.Status> status;

        Check(Health health, Function<Health, Health.Status> status) {
            this.health = health;
            this.status = status;
        }

        @Override
        public HealthCheckResponse call() {
            Health.Status current = status.apply(health);
            return new HealthCheckResponse(current.name(),
                    current.up() ? HealthCheckResponse.Status.UP : HealthCheckResponse.Status.DOWN,
                    Optional.of(current.data()));
        }
    }
}
