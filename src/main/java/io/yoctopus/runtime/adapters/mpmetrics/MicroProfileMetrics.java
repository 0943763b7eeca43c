package io.yoctopus.runtime.adapters.mpmetrics;

import io.yoctopus.runtime.operations.MetricsExport;
import io.yoctopus.runtime.operations.Reading;
import jakarta.enterprise.inject.spi.CDI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricID;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * The framework's {@link Reading}s in the application's MicroProfile Metrics registry (served at {@code /metrics} by
 * Payara Micro and Open Liberty). A plain class, loaded by name only where the MicroProfile Metrics API is visible.
 *
 * <p>Every reading is a gauge over the framework's own counters: MicroProfile Metrics 5 lets an application register
 * no counter it does not increment itself, and incrementing the registry's counters on the path of a message would
 * cost a lookup or a second set of counters. So counts show as gauges (Prometheus type {@code gauge}) whose values
 * only grow while the application runs.
 */
public final class MicroProfileMetrics implements MetricsExport {

    private final MetricRegistry registry;
    /** Guarded by this. */
    private final Map<String, MetricID> registered = new LinkedHashMap<>();

    /** The application's registry, looked up once. */
    public MicroProfileMetrics() {
        this(RegistryLookup.applicationRegistry(CDI.current().getBeanManager()));
    }

    MicroProfileMetrics(MetricRegistry registry) {
        this.registry = registry;
    }

    @Override
    public String name() {
        return "MicroProfile Metrics (" + registry.getScope() + " registry)";
    }

    @Override
    public synchronized void register(List<Reading> readings) {
        for (Reading reading : readings) {
            if (registered.containsKey(reading.key())) {
                continue;
            }
            Tag[] tags = reading.tags().entrySet().stream().map(tag -> new Tag(tag.getKey(), tag.getValue()))
                    .toArray(Tag[]::new);
            Metadata metadata = Metadata.builder().withName(reading.name()).withDescription(reading.description())
                    .withUnit(reading.unit()).build();
            registry.gauge(metadata, reading.value(), tags);
            registered.put(reading.key(), new MetricID(reading.name(), tags));
        }
    }

    @Override
    public synchronized void stop() {
        registered.values().forEach(registry::remove);
        registered.clear();
    }

    /** The keys of the readings registered, in order. */
    synchronized List<String> registered() {
        return List.copyOf(registered.keySet());
    }
}
