package io.yoctopus.runtime.adapters.mphealth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yoctopus.runtime.json.JsonProducer;
import io.yoctopus.runtime.operations.Health;
import io.yoctopus.runtime.operations.HealthExtensionAccess;
import io.yoctopus.runtime.testing.CapturedLog;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

/**
 * The framework's health as MicroProfile Health checks, under Weld SE with the MicroProfile Health API on the class
 * path: the extension adds one readiness and one liveness check bean, which report what {@link Health} says at each
 * call; without the API (or without the adapter) it adds nothing and says so.
 */
class MicroProfileHealthTest {

    private final AtomicReference<Health.Status> readiness = new AtomicReference<>(
            new Health.Status(Health.READINESS, false, Map.of("started", false)));
    private final AtomicReference<Health.Status> liveness = new AtomicReference<>(
            new Health.Status(Health.LIVENESS, true, Map.of("livenessChecks", "running")));

    @Test
    void theExtensionAddsAReadinessAndALivenessCheckThatAskAtEachCall() {
        // Weld SE wants one bean class at least: the JSON producer, which nothing here uses
        try (WeldContainer container = new Weld().disableDiscovery().beanClasses(JsonProducer.class)
                .addExtension(HealthExtensionAccess.extension(readiness::get, liveness::get)).initialize()) {
            HealthCheck ready = container.select(HealthCheck.class, Readiness.Literal.INSTANCE).get();
            HealthCheck live = container.select(HealthCheck.class, Liveness.Literal.INSTANCE).get();
            assertEquals(1, container.select(HealthCheck.class, Readiness.Literal.INSTANCE).stream().count());
            assertEquals(1, container.select(HealthCheck.class, Liveness.Literal.INSTANCE).stream().count());

            HealthCheckResponse down = ready.call();
            assertEquals("yoctopus-readiness", down.getName());
            assertEquals(HealthCheckResponse.Status.DOWN, down.getStatus());
            assertEquals(Optional.of(Map.of("started", false)), down.getData());

            readiness.set(new Health.Status(Health.READINESS, true, Map.of("connections", 3L)));
            HealthCheckResponse up = ready.call();
            assertEquals(HealthCheckResponse.Status.UP, up.getStatus());
            assertEquals(Optional.of(Map.of("connections", 3L)), up.getData());

            HealthCheckResponse alive = live.call();
            assertEquals("yoctopus-liveness", alive.getName());
            assertEquals(HealthCheckResponse.Status.UP, alive.getStatus());
            assertEquals(Optional.of(Map.of("livenessChecks", "running")), alive.getData());
        }
    }

    @Test
    void withoutTheApiOrTheAdapterNoCheckIsAddedAndTheLogSaysWhy() {
        AfterBeanDiscovery untouched = (AfterBeanDiscovery) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {AfterBeanDiscovery.class}, (proxy, method, arguments) -> {
                    throw new AssertionError("nothing may be added: " + method.getName());
                });
        ClassLoader withoutApi = hiding("org.eclipse.microprofile.health.");
        ClassLoader withoutAdapter = hiding("io.yoctopus.runtime.adapters.mphealth.");
        try (CapturedLog log = CapturedLog.of("io.yoctopus.runtime.operations.HealthExtension", Level.INFO)) {
            assertFalse(HealthExtensionAccess.addChecks(untouched, withoutApi));
            assertFalse(HealthExtensionAccess.addChecks(untouched, withoutAdapter));
            assertEquals(List.of("health: the server has no MicroProfile Health; no health checks",
                    "cannot load io.yoctopus.runtime.adapters.mphealth.MicroProfileHealth; no health checks"),
                    log.records().stream().map(LogRecord::getMessage).toList());
            assertEquals(Level.WARNING, log.records().get(1).getLevel());
        }
        assertTrue(HealthExtensionAccess.adapterVisible(getClass().getClassLoader()), "the test sees both");
    }

    /** A class loader that sees what this test's does, except the classes whose names start with {@code hidden}. */
    private ClassLoader hiding(String hidden) {
        return new ClassLoader(getClass().getClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                if (name.startsWith(hidden)) {
                    throw new ClassNotFoundException(name);
                }
                return super.loadClass(name, resolve);
            }
        };
    }
}
