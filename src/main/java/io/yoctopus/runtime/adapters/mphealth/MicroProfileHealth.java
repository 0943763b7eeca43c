package io.yoctopus.runtime.adapters.mphealth;

import io.yoctopus.runtime.operations.Health;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import java.lang.annotation.Annotation;
import java.util.Optional;
import java.util.function.Supplier;
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

    /**
     * Adds the two checks; called by {@code HealthExtension} after bean discovery, with where each reads its status
     * (looked up at each call, never through the bean manager: the bean manager of beans an extension adds does not
     * see the application's beans on Payara).
     */
    public static void addChecks(AfterBeanDiscovery discovery, Supplier<Health.Status> readiness,
            Supplier<Health.Status> liveness) {
        add(discovery, Readiness.Literal.INSTANCE, readiness);
        add(discovery, Liveness.Literal.INSTANCE, liveness);
    }

    private static void add(AfterBeanDiscovery discovery, Annotation kind, Supplier<Health.Status> status) {
        discovery.addBean()
                .beanClass(MicroProfileHealth.class)
                .types(HealthCheck.class, Object.class)
                .qualifiers(kind, Any.Literal.INSTANCE)
                .scope(Dependent.class)
                .createWith(context -> new Check(status));
    }

    /**
     * One check: asks {@link Health} at each call. Not a bean class (the WAR discovers annotated beans only, and these
     * qualifiers define none): the annotations are there for Payara, whose MicroProfile Health turns on for an
     * application only when its classes carry one of them (its {@code HealthSniffer}); without them Payara serves
     * {@code /health} without the application's checks.
     */
    @Readiness
    @Liveness
    static final class Check implements HealthCheck {
        private final Supplier<Health.Status> status;

        Check(Supplier<Health.Status> status) {
            this.status = status;
        }

        @Override
        public HealthCheckResponse call() {
            Health.Status current = status.get();
            return new HealthCheckResponse(current.name(),
                    current.up() ? HealthCheckResponse.Status.UP : HealthCheckResponse.Status.DOWN,
                    Optional.of(current.data()));
        }
    }
}
