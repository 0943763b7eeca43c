package io.yoctopus.runtime.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Makes the application's one {@link Metrics}. A singleton, not an application-scoped bean: the holders on the path
 * of a message keep the object itself, with no client proxy between them and the counters.
 */
@ApplicationScoped
public class MetricsProducer {

    @Produces
    @Singleton
    Metrics metrics() {
        return new Metrics();
    }
}
