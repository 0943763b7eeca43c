package io.yoctopus.runtime.dispatch;

import io.yoctopus.api.Multicast;
import io.yoctopus.runtime.catalogue.PluginRegistry;
import io.yoctopus.runtime.json.JsonCodec;
import io.yoctopus.runtime.metrics.Metrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import jakarta.validation.Validator;

/** Makes the application's one {@link Dispatcher}. */
@ApplicationScoped
public class DispatcherProducer {

    @Produces
    @Singleton
    Dispatcher dispatcher(PluginRegistry registry, JsonCodec json, Validator validator, RequestEvents events,
            Multicast multicast, Metrics metrics) {
        // not registry::routes: registry is a client proxy, and that would cost a proxy call per request
        return new Dispatcher(registry.liveRoutes(), json, validator, events, multicast, metrics);
    }
}
