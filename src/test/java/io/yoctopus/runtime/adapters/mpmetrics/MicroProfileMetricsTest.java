package io.yoctopus.runtime.adapters.mpmetrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.yoctopus.runtime.json.JsonProducer;
import io.yoctopus.runtime.operations.Reading;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.Annotated;
import jakarta.enterprise.inject.spi.InjectionPoint;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricID;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

/**
 * The readings as gauges of the application's MicroProfile Metrics registry. The registry is the server's (no
 * implementation in the unit tests): a recording stand-in takes the calls the adapter makes, the only ones it may make.
 */
class MicroProfileMetricsTest {

    /** A gauge registered: its metadata, tags and how it is read. */
    record Gauge(Metadata metadata, List<Tag> tags, Supplier<?> value) {
    }

    private final List<Gauge> gauges = new ArrayList<>();
    private final List<MetricID> removed = new ArrayList<>();
    private final MetricRegistry registry = (MetricRegistry) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {MetricRegistry.class}, (proxy, method, arguments) -> switch (method.getName()) {
                case "gauge" -> {
                    if (!(arguments.length == 3 && arguments[0] instanceof Metadata metadata
                            && arguments[1] instanceof Supplier<?> value && arguments[2] instanceof Tag[] tags)) {
                        throw new AssertionError("gauge(Metadata, Supplier, Tag...) only");
                    }
                    gauges.add(new Gauge(metadata, List.of(tags), value));
                    yield null;
                }
                case "remove" -> removed.add((MetricID) arguments[0]);
                case "getScope" -> MetricRegistry.APPLICATION_SCOPE;
                default -> throw new AssertionError("the adapter has no business calling " + method.getName());
            });

    private static Reading reading(String name, Map<String, String> tags, long value) {
        return new Reading(name, "what " + name + " counts", Reading.NONE, tags, () -> value);
    }

    @Test
    void eachReadingIsRegisteredOnceAsAGaugeWithItsMetadataAndTags() {
        MicroProfileMetrics metrics = new MicroProfileMetrics(registry);
        AtomicLong frames = new AtomicLong(7);
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("endpoint", "greeter:hello");
        tags.put("method", "read");
        Reading framesIn = new Reading("yoctopus.frames.in", "frames", Reading.NONE, Map.of(), frames::get);
        Reading latency = new Reading("yoctopus.request.latency.mean", "mean", Reading.SECONDS, tags, () -> 0.25);
        metrics.register(List.of(framesIn, latency));
        metrics.register(List.of(framesIn, latency, reading("yoctopus.pings.sent", Map.of(), 3)));

        assertEquals(List.of("yoctopus.frames.in", "yoctopus.request.latency.mean", "yoctopus.pings.sent"),
                gauges.stream().map(gauge -> gauge.metadata().getName()).toList(), "each once");
        Gauge first = gauges.get(0);
        assertEquals("frames", first.metadata().getDescription());
        assertEquals("none", first.metadata().getUnit());
        assertEquals(List.of(), first.tags());
        frames.set(9);
        assertEquals(9L, first.value().get(), "read when the registry reads it");
        Gauge second = gauges.get(1);
        assertEquals("seconds", second.metadata().getUnit());
        assertEquals(List.of(new Tag("endpoint", "greeter:hello"), new Tag("method", "read")), second.tags());
        assertEquals(0.25, second.value().get());
        assertEquals(List.of("yoctopus.frames.in", "yoctopus.request.latency.mean{endpoint=greeter:hello,method=read}",
                "yoctopus.pings.sent"), metrics.registered());
        assertEquals("MicroProfile Metrics (application registry)", metrics.name());
    }

    @Test
    void stoppingRemovesEveryGaugeRegistered() {
        MicroProfileMetrics metrics = new MicroProfileMetrics(registry);
        metrics.register(List.of(reading("a.b", Map.of(), 1), reading("a.c", Map.of("reason", "origin"), 2)));
        metrics.stop();
        assertEquals(List.of(new MetricID("a.b"), new MetricID("a.c", new Tag("reason", "origin"))), removed);
        assertEquals(List.of(), metrics.registered());
        metrics.register(List.of(reading("a.b", Map.of(), 1)));
        assertEquals(3, gauges.size(), "registered anew after a stop");
    }

    /** Stands for the server's producer, which reads the registry's scope from the injection point it is given. */
    @ApplicationScoped
    public static class ScopedRegistries {
        private final List<InjectionPoint> asked = new ArrayList<>();
        private MetricRegistry application;

        void use(MetricRegistry registry) {
            application = registry;
        }

        List<InjectionPoint> asked() {
            return asked;
        }

        @Produces
        MetricRegistry registry(InjectionPoint injectionPoint) {
            asked.add(injectionPoint);
            RegistryScope scope = injectionPoint.getAnnotated().getAnnotation(RegistryScope.class);
            assertNull(scope, "no scope: the application registry");
            return application;
        }
    }

    @Test
    void theApplicationRegistryIsLookedUpThroughAnInjectionPointWithoutAScope() {
        try (WeldContainer container = new Weld().disableDiscovery()
                .beanClasses(ScopedRegistries.class, JsonProducer.class).initialize()) {
            ScopedRegistries producer = container.select(ScopedRegistries.class).get();
            producer.use(registry);
            MicroProfileMetrics metrics = new MicroProfileMetrics();
            metrics.register(List.of(reading("a.b", Map.of(), 1)));
            assertEquals(1, gauges.size(), "registered in the registry the producer made");
            assertEquals(1, producer.asked().size());
            InjectionPoint asked = producer.asked().get(0);
            assertEquals(MetricRegistry.class, asked.getType());
            assertEquals(Set.of(Default.Literal.INSTANCE), asked.getQualifiers());
            assertNull(asked.getBean(), "no bean: a lookup");
            assertNull(asked.getMember());
            assertFalse(asked.isDelegate());
            assertFalse(asked.isTransient());
            Annotated annotated = asked.getAnnotated();
            assertEquals(MetricRegistry.class, annotated.getBaseType());
            assertEquals(Set.of(MetricRegistry.class, Object.class), annotated.getTypeClosure());
            assertEquals(Set.of(), annotated.getAnnotations());
            assertEquals(Set.of(), annotated.getAnnotations(RegistryScope.class));
            assertFalse(annotated.isAnnotationPresent(RegistryScope.class));
        }
    }
}
